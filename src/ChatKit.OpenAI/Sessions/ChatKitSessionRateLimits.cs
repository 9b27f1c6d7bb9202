using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>Per-session request limits enforced by the ChatKit API.</summary>
public sealed class ChatKitSessionRateLimits
{
    /// <summary>Maximum requests the session may make per one-minute window.</summary>
    [JsonPropertyName("max_requests_per_1_minute")]
    public int? MaxRequestsPer1Minute { get; set; }
}
