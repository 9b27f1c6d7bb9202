using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// The body of <c>POST /chatkit/sessions</c>: creates a ChatKit session for one end user and returns
/// a short-lived client secret that the browser uses to talk to the hosted workflow.
/// </summary>
public sealed class ChatKitSessionCreateRequest
{
    /// <summary>
    /// A free-form string that identifies the end user. Sessions (and the threads they create) are scoped to it,
    /// so it must come from the server's own authentication, never from the browser.
    /// </summary>
    [JsonPropertyName("user")]
    public required string User { get; set; }

    /// <summary>The workflow that powers the session.</summary>
    [JsonPropertyName("workflow")]
    public required ChatKitSessionWorkflow Workflow { get; set; }

    /// <summary>Optional overrides for ChatKit runtime features; omitted when <see langword="null"/>.</summary>
    [JsonPropertyName("chatkit_configuration")]
    public ChatKitSessionConfiguration? ChatKitConfiguration { get; set; }

    /// <summary>Optional override of the session lifetime (the API defaults to ten minutes).</summary>
    [JsonPropertyName("expires_after")]
    public ChatKitSessionExpiresAfter? ExpiresAfter { get; set; }

    /// <summary>Optional override of the per-minute request limit (the API defaults to 10).</summary>
    [JsonPropertyName("rate_limits")]
    public ChatKitSessionRateLimits? RateLimits { get; set; }
}
