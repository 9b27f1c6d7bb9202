namespace ChatKit.Stores;

/// <summary>
/// A thread item as a store keeps it: its JSON (<see cref="Json.ChatKitJson.Storage"/> form), handed to the server
/// without being deserialized. See <see cref="IThreadItemJsonSource{TContext}"/>.
/// </summary>
/// <param name="Id">The item id.</param>
/// <param name="Json">The stored UTF-8 JSON of the item.</param>
/// <param name="IsClientJson">
/// True when <paramref name="Json"/> is also exactly what the client may see (see
/// <see cref="Json.ChatKitJson.IsClientJson"/>), so it is sent unchanged; false when it may carry private fields, so the
/// server deserializes it and writes its client form.
/// </param>
/// <param name="IsHidden">A hidden item (model context), never listed to the client.</param>
public readonly record struct StoredItemJson(string Id, ReadOnlyMemory<byte> Json, bool IsClientJson, bool IsHidden);
