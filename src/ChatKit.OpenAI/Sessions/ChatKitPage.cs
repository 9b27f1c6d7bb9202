using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>One page of a cursor-paginated ChatKit list.</summary>
/// <typeparam name="T">The listed object type.</typeparam>
public sealed class ChatKitPage<T>
{
    /// <summary>The object type, always <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "list";

    /// <summary>The objects of this page.</summary>
    [JsonPropertyName("data")]
    public IList<T> Data { get; set; } = [];

    /// <summary>The identifier of the first object of this page.</summary>
    [JsonPropertyName("first_id")]
    public string? FirstId { get; set; }

    /// <summary>The identifier of the last object of this page; pass it as <c>after</c> to get the next page.</summary>
    [JsonPropertyName("last_id")]
    public string? LastId { get; set; }

    /// <summary>Whether more objects follow this page.</summary>
    [JsonPropertyName("has_more")]
    public bool HasMore { get; set; }
}
