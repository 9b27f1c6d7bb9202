using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// A ChatKit session (<c>chatkit.session</c>) and its resolved configuration.
/// </summary>
/// <remarks>
/// <see cref="ClientSecret"/> is a bearer credential for the session: hand it only to the user the session was
/// created for and never log it. This type deliberately does not override <see cref="object.ToString"/>.
/// </remarks>
public sealed class ChatKitSession
{
    /// <summary>The session identifier (<c>cksess_...</c>).</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>The object type, always <c>chatkit.session</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "chatkit.session";

    /// <summary>The ephemeral client secret that authenticates the browser's session requests.</summary>
    [JsonPropertyName("client_secret")]
    public string ClientSecret { get; set; } = "";

    /// <summary>When the session expires, in Unix seconds.</summary>
    [JsonPropertyName("expires_at")]
    public long ExpiresAt { get; set; }

    /// <summary>The session's lifecycle state: <c>active</c>, <c>expired</c> or <c>cancelled</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>The end user the session belongs to.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }

    /// <summary>The workflow backing the session.</summary>
    [JsonPropertyName("workflow")]
    public ChatKitSessionWorkflow? Workflow { get; set; }

    /// <summary>The resolved rate limits.</summary>
    [JsonPropertyName("rate_limits")]
    public ChatKitSessionRateLimits? RateLimits { get; set; }

    /// <summary>A convenience copy of the per-minute request limit.</summary>
    [JsonPropertyName("max_requests_per_1_minute")]
    public int? MaxRequestsPer1Minute { get; set; }

    /// <summary>The resolved ChatKit feature configuration.</summary>
    [JsonPropertyName("chatkit_configuration")]
    public ChatKitSessionConfiguration? ChatKitConfiguration { get; set; }

    /// <summary><see cref="ExpiresAt"/> as a <see cref="DateTimeOffset"/>.</summary>
    [JsonIgnore]
    public DateTimeOffset ExpiresAtTime => DateTimeOffset.FromUnixTimeSeconds(ExpiresAt);
}
