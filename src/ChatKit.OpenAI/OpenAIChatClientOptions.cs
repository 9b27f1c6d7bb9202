namespace ChatKit.OpenAI;

/// <summary>Settings for <see cref="OpenAIChatClientFactory.Create(OpenAIChatClientOptions)"/>.</summary>
public sealed class OpenAIChatClientOptions
{
    /// <summary>The default model (overridable per request with <c>ChatOptions.ModelId</c>); defaults to <see cref="OpenAIChatClientFactory.DefaultModel"/>.</summary>
    public string Model { get; set; } = OpenAIChatClientFactory.DefaultModel;

    /// <summary>The API key (required).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The base URL of an OpenAI-compatible server, e.g. <c>http://localhost:11434/v1</c>; <see langword="null"/> for api.openai.com.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Which API to call. Defaults to <see cref="OpenAIApiKind.Responses"/>.</summary>
    public OpenAIApiKind Api { get; set; } = OpenAIApiKind.Responses;

    /// <summary>How many times the SDK retries a failed request (429, 5xx, transport errors); <see langword="null"/> keeps the SDK default (3). Use 0 in tests.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>The SDK's per-try network timeout; <see langword="null"/> keeps the SDK default.</summary>
    public TimeSpan? NetworkTimeout { get; set; }
}
