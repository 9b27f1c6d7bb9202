using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>When a session expires, relative to an anchor timestamp.</summary>
public sealed class ChatKitSessionExpiresAfter
{
    /// <summary>The only anchor the API supports: the session's creation time.</summary>
    public const string CreatedAtAnchor = "created_at";

    /// <summary>The anchor timestamp; currently always <see cref="CreatedAtAnchor"/>.</summary>
    [JsonPropertyName("anchor")]
    public string Anchor { get; set; } = CreatedAtAnchor;

    /// <summary>Seconds after the anchor at which the session expires.</summary>
    [JsonPropertyName("seconds")]
    public required int Seconds { get; set; }
}
