using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>The status of a hosted thread: <c>active</c>, <c>locked</c> or <c>closed</c>.</summary>
public sealed class ChatKitThreadStatus
{
    /// <summary>The status discriminator: <c>active</c>, <c>locked</c> or <c>closed</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "active";

    /// <summary>Why the thread was locked or closed, when a reason was recorded.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}
