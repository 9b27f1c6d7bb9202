using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>The confirmation returned by <c>DELETE /chatkit/threads/{thread_id}</c> (<c>chatkit.thread.deleted</c>).</summary>
public sealed class ChatKitThreadDeletion
{
    /// <summary>The identifier of the deleted thread.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>The object type, always <c>chatkit.thread.deleted</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "chatkit.thread.deleted";

    /// <summary>Whether the thread was deleted.</summary>
    [JsonPropertyName("deleted")]
    public bool Deleted { get; set; }
}
