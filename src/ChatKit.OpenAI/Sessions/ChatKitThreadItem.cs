using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// One item of a hosted thread (<c>chatkit.thread_item</c>): a user or assistant message, a widget, a client tool
/// call, a task or a task group. The fields every item has are typed; the rest of the item (content, attachments,
/// widget, tasks, ...) is kept, as sent, in <see cref="AdditionalProperties"/>.
/// </summary>
public sealed class ChatKitThreadItem
{
    /// <summary>The item identifier.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>The object type, always <c>chatkit.thread_item</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "chatkit.thread_item";

    /// <summary>
    /// The item kind, for example <c>chatkit.user_message</c>, <c>chatkit.assistant_message</c>,
    /// <c>chatkit.widget</c>, <c>chatkit.client_tool_call</c>, <c>chatkit.task</c> or <c>chatkit.task_group</c>.
    /// </summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>The thread the item belongs to.</summary>
    [JsonPropertyName("thread_id")]
    public string ThreadId { get; set; } = "";

    /// <summary>When the item was created, in Unix seconds.</summary>
    [JsonPropertyName("created_at")]
    public long CreatedAt { get; set; }

    /// <summary>The kind-specific members of the item, exactly as the API returned them.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
