using ChatKit.OpenAI.Sessions;
using Microsoft.AspNetCore.Http;

namespace ChatKit.OpenAI.Hosting;

/// <summary>
/// Options of the hosted ChatKit session endpoint (<c>MapChatKitSessions</c>): which workflow sessions run, how they
/// are configured, who the user is, and how often a user may mint secrets. Bound from <c>ChatKit:Hosted</c> by
/// <c>AddChatKitSessions</c>; the API key and base URL live in <see cref="ChatKitSessionsOptions"/>.
/// </summary>
public sealed class ChatKitHostedOptions
{
    /// <summary>The Agent Builder workflow id (<c>wf_...</c>). Required; never hard-code it.</summary>
    public string? WorkflowId { get; set; }

    /// <summary>The workflow version; <see langword="null"/> runs the latest deployed version.</summary>
    public string? WorkflowVersion { get; set; }

    /// <summary>State variables forwarded to the workflow on every session (strings, booleans or numbers).</summary>
    public IDictionary<string, object> WorkflowStateVariables { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>Whether workflow tracing is enabled; <see langword="null"/> leaves the API default (enabled).</summary>
    public bool? TracingEnabled { get; set; }

    /// <summary>Session (and client secret) lifetime in seconds; <see langword="null"/> leaves the API default (10 minutes).</summary>
    public int? ExpiresAfterSeconds { get; set; }

    /// <summary>Per-session request limit per minute enforced by OpenAI; <see langword="null"/> leaves the API default.</summary>
    public int? MaxRequestsPerMinute { get; set; }

    /// <summary>Automatic thread titling; <see langword="null"/> leaves the API default (enabled).</summary>
    public bool? AutomaticThreadTitling { get; set; }

    /// <summary>Whether file uploads are enabled; <see langword="null"/> leaves the API default (disabled).</summary>
    public bool? FileUploadEnabled { get; set; }

    /// <summary>Maximum upload size in megabytes; <see langword="null"/> leaves the API default.</summary>
    public int? MaxFileSizeMegabytes { get; set; }

    /// <summary>Maximum number of uploads per session; <see langword="null"/> leaves the API default.</summary>
    public int? MaxFiles { get; set; }

    /// <summary>Whether users see their earlier threads; <see langword="null"/> leaves the API default (enabled).</summary>
    public bool? HistoryEnabled { get; set; }

    /// <summary>How many recent threads users see; <see langword="null"/> leaves the API default (all).</summary>
    public int? HistoryRecentThreads { get; set; }

    /// <summary>
    /// Resolves the end-user id from the request's server-side state (its <see cref="HttpContext.User"/>).
    /// <see langword="null"/> (the default) uses the <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/> claim,
    /// then <c>sub</c>, of an authenticated principal. Never read the id from the request body or query.
    /// </summary>
    public Func<HttpContext, string?>? UserIdResolver { get; set; }

    /// <summary>
    /// Whether requests without a user get an anonymous id kept in a data-protected (signed and encrypted), HTTP-only
    /// cookie, the same one the ChatKit endpoint uses (named and timed by <see cref="ChatKit.AspNetCore.Security.ChatKitAnonymousUserOptions"/>).
    /// Meant for demos; default <see langword="false"/> (such requests get 401).
    /// </summary>
    public bool AllowAnonymousUsers { get; set; }

    /// <summary>How many secrets one user may mint per <see cref="RateLimitWindow"/>. Default 10.</summary>
    public int RateLimitPermitLimit { get; set; } = 10;

    /// <summary>The rate-limit window. Default one minute.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The <c>Retry-After</c> sent to the browser when OpenAI rate-limits the server without saying for how long.
    /// Default 10 seconds.
    /// </summary>
    public TimeSpan UpstreamBusyRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An optional hook that adjusts each session request (for example per-user state variables) before it is sent.
    /// The <see cref="ChatKitSessionCreateRequest.User"/> it sees is the resolved user, and is enforced after it runs.
    /// </summary>
    public Func<HttpContext, ChatKitSessionCreateRequest, CancellationToken, ValueTask>? ConfigureSession { get; set; }
}
