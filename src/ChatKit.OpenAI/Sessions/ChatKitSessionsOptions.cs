namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// Options of <see cref="ChatKitSessionsClient"/>. Bound from the <c>ChatKit:Hosted</c> configuration section by
/// <c>AddChatKitSessionsClient</c>.
/// </summary>
public sealed class ChatKitSessionsOptions
{
    /// <summary>The configuration section the options are bound from: <c>ChatKit:Hosted</c>.</summary>
    public const string ConfigurationSectionName = "ChatKit:Hosted";

    /// <summary>The default API base address.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1/");

    /// <summary>
    /// The OpenAI API key. When <see langword="null"/> the client asks <see cref="EnvironmentVariables"/> for
    /// <c>OPENAI_API_KEY</c>. It is only ever sent in the <c>Authorization</c> header; it is never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The API base address, for example <c>https://api.openai.com/v1</c>. When <see langword="null"/> the client asks
    /// <see cref="EnvironmentVariables"/> for <c>OPENAI_BASE_URL</c>, then uses <see cref="DefaultBaseUrl"/>.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// Looks up the conventional fallback variables (<c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c>) by name when
    /// <see cref="ApiKey"/> or <see cref="BaseUrl"/> is not set; <see langword="null"/> means the variable is absent.
    /// Defaults to the process environment. Replace it to keep a host (or a test) independent of the environment it
    /// happens to run in.
    /// </summary>
    public Func<string, string?> EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Optional <c>OpenAI-Organization</c> header value.</summary>
    public string? Organization { get; set; }

    /// <summary>Optional <c>OpenAI-Project</c> header value.</summary>
    public string? Project { get; set; }

    /// <summary>How many times a failed request is retried (429, 408, 5xx, connection failures, timeouts). Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first backoff delay; it doubles on each retry, with jitter. Default 0.5 s.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest computed backoff delay. Default 8 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The longest server-requested wait (<c>Retry-After</c>, <c>retry-after-ms</c>) the client honours; a longer one
    /// ends the retries and surfaces in <see cref="ChatKitApiException.RetryAfter"/>. Default 60 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
