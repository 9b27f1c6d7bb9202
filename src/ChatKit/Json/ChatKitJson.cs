using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Json;

/// <summary>The shared serializer options: one for the wire, one for stores.</summary>
public static class ChatKitJson
{
    /// <summary>
    /// Options for everything sent to the client: snake_case protocol fields, nulls omitted, attachment
    /// <c>metadata</c> stripped. Free-form objects (metadata, payloads, arguments) keep their keys and inner nulls.
    /// When reading, an explicit null for an optional property means the same as leaving it out, and a null element
    /// of a typed list or map in a request is an error.
    /// </summary>
    public static JsonSerializerOptions WireOptions { get; } = CreateOptions(stripPrivateFields: true);

    /// <summary>Options for stores: like <see cref="WireOptions"/> but keeps attachment <c>metadata</c>.</summary>
    public static JsonSerializerOptions StorageOptions { get; } = CreateOptions(stripPrivateFields: false);

    /// <summary>Type metadata for the wire.</summary>
    public static ChatKitTypeInfos Wire { get; } = new(WireOptions);

    /// <summary>Type metadata for stores.</summary>
    public static ChatKitTypeInfos Storage { get; } = new(StorageOptions);

    /// <summary>
    /// Whether the stored JSON of <paramref name="item"/> is also exactly its client JSON: the two forms differ only by
    /// attachment <c>metadata</c> (docs/protocol.md §2.3). Stores record this next to the JSON for
    /// <see cref="Stores.IThreadItemJsonSource{TContext}"/>.
    /// </summary>
    public static bool IsClientJson(ThreadItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item is UserMessageItem message)
        {
            foreach (var attachment in message.Attachments)
            {
                if (attachment.Metadata is not null)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Serializes a thread item the way stores keep it.</summary>
    public static string SerializeItemForStorage(ThreadItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return StoredItemWriter.TryWrite(item, static json => System.Text.Encoding.UTF8.GetString(json), out var text)
            ? text
            : JsonSerializer.Serialize(item, Storage.ThreadItem);
    }

    /// <summary>Serializes a thread item the way stores keep it, as UTF-8.</summary>
    internal static byte[] SerializeItemForStorageUtf8(ThreadItem item) =>
        StoredItemWriter.TryWrite(item, static json => json.ToArray(), out var bytes) ? bytes : JsonSerializer.SerializeToUtf8Bytes(item, Storage.ThreadItem);

    /// <summary>How many bytes <see cref="SerializeItemForStorage"/> would write.</summary>
    internal static int StoredItemLength(ThreadItem item) =>
        StoredItemWriter.TryWrite(item, static json => json.Length, out var length) ? length : JsonSerializer.SerializeToUtf8Bytes(item, Storage.ThreadItem).Length;

    /// <summary>Reads a stored thread item.</summary>
    public static ThreadItem DeserializeStoredItem(string json) =>
        JsonSerializer.Deserialize(json, Storage.ThreadItem) ?? throw new JsonException("Stored item is JSON null.");

    /// <summary>Reads a stored thread item.</summary>
    public static ThreadItem DeserializeStoredItem(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Storage.ThreadItem) ?? throw new JsonException("Stored item is JSON null.");

    /// <summary>A deep copy of an item (through its stored JSON form).</summary>
    public static T Clone<T>(T item)
        where T : ThreadItem =>
        (T)JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes<ThreadItem>(item, Storage.ThreadItem), Storage.ThreadItem)!;

    private static JsonSerializerOptions CreateOptions(bool stripPrivateFields)
    {
        var options = new JsonSerializerOptions(ChatKitJsonContext.Default.Options)
        {
            // Non-ASCII is written raw, as the reference does.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        IJsonTypeInfoResolver resolver = ChatKitJsonContext.Default.WithAddedModifier(NullAsAbsent.Modify);
        if (stripPrivateFields)
        {
            // Only the wire options read requests; stores keep reading what they wrote before (see NullElements).
            resolver = resolver.WithAddedModifier(StripAttachmentMetadata).WithAddedModifier(NullElements.Modify);
        }

        options.TypeInfoResolver = resolver;
        options.MakeReadOnly();
        return options;
    }

    // Attachment metadata is integration-private (docs/protocol.md §2.3); reading it from a request is harmless.
    private static void StripAttachmentMetadata(JsonTypeInfo typeInfo)
    {
        if (!typeof(Attachment).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Name == "metadata")
            {
                property.ShouldSerialize = static (_, _) => false;
            }
        }
    }
}
