using System.Collections.Frozen;
using ChatKit.Json;

namespace ChatKit.Stores;

/// <summary>
/// The protocol discriminator of an item (<c>user_message</c>, <c>widget</c>, …), for stores that keep it in its own
/// column (ad-hoc queries, and telling hidden items apart without reading their JSON).
/// </summary>
public static class StoredItemType
{
    // Taken from the item contract's own [JsonDerivedType] list, so a new item type needs no second list here.
    private static readonly FrozenDictionary<Type, string> Names =
        ChatKitJson.Storage.ThreadItem.PolymorphismOptions!.DerivedTypes
            .ToFrozenDictionary(derived => derived.DerivedType, derived => (string)derived.TypeDiscriminator!);

    private static readonly FrozenSet<string> HiddenNames =
        new[] { Names[typeof(HiddenContextItem)], Names[typeof(SdkHiddenContextItem)] }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The discriminator of <paramref name="item"/>, or its CLR type name for a type outside the protocol.</summary>
    public static string Of(ThreadItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Names.TryGetValue(item.GetType(), out var name) ? name : item.GetType().Name;
    }

    /// <summary>Whether items of this discriminator are hidden (model context, never listed to the client).</summary>
    public static bool IsHidden(string type) => HiddenNames.Contains(type);
}
