using System.ClientModel;
using System.ClientModel.Primitives;
using ChatKit.OpenAI.AdapterGaps;
using Microsoft.Extensions.AI;
using OpenAI;

namespace ChatKit.OpenAI;

/// <summary>
/// Creates an <see cref="IChatClient"/> over the official OpenAI SDK, either from explicit settings or from the
/// conventional environment variables.
/// </summary>
/// <remarks>
/// Environment variables read by <see cref="FromEnvironment()"/>:
/// <list type="bullet">
/// <item><c>OPENAI_API_KEY</c>: the API key. Required unless <c>OPENAI_BASE_URL</c> is set (local compatible servers
/// often need none; a placeholder key is then sent).</item>
/// <item><c>OPENAI_BASE_URL</c>: base URL of any OpenAI-compatible server, e.g. <c>http://localhost:11434/v1</c>.</item>
/// <item><c>OPENAI_MODEL</c>: the model; defaults to <see cref="DefaultModel"/>.</item>
/// <item><c>OPENAI_API</c>: <c>responses</c> (default) or <c>chat</c> (Chat Completions, for servers without the Responses API).</item>
/// </list>
/// </remarks>
public static class OpenAIChatClientFactory
{
    /// <summary>The model used when none is configured.</summary>
    public const string DefaultModel = "gpt-4.1-mini";

    /// <summary>Name of the API key variable.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>Name of the base URL variable.</summary>
    public const string BaseUrlVariable = "OPENAI_BASE_URL";

    /// <summary>Name of the model variable.</summary>
    public const string ModelVariable = "OPENAI_MODEL";

    /// <summary>Name of the API selection variable (<c>responses</c> | <c>chat</c>).</summary>
    public const string ApiVariable = "OPENAI_API";

    /// <summary>The key sent when a base URL is configured without a key.</summary>
    internal const string PlaceholderApiKey = "no-api-key";

    /// <summary>Creates a client configured from the process environment.</summary>
    /// <exception cref="InvalidOperationException">Neither <c>OPENAI_API_KEY</c> nor <c>OPENAI_BASE_URL</c> is set, or a value is invalid.</exception>
    public static IChatClient FromEnvironment() => Create(OptionsFromEnvironment(Environment.GetEnvironmentVariable));

    /// <summary>Creates a client configured from variables looked up with <paramref name="getVariable"/> (for tests and custom configuration sources).</summary>
    /// <param name="getVariable">Returns a variable's value, or <see langword="null"/> when unset.</param>
    /// <param name="maxRetries">Overrides the SDK retry count; <see langword="null"/> keeps its default.</param>
    public static IChatClient FromEnvironment(Func<string, string?> getVariable, int? maxRetries = null)
    {
        var options = OptionsFromEnvironment(getVariable);
        options.MaxRetries = maxRetries ?? options.MaxRetries;
        return Create(options);
    }

    /// <summary>Reads <see cref="OpenAIChatClientOptions"/> from variables looked up with <paramref name="getVariable"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither an API key nor a base URL is set, or a value is invalid.</exception>
    public static OpenAIChatClientOptions OptionsFromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var apiKey = NullIfEmpty(getVariable(ApiKeyVariable));
        var baseUrlText = NullIfEmpty(getVariable(BaseUrlVariable));

        Uri? baseUrl = null;
        if (baseUrlText is not null && !Uri.TryCreate(baseUrlText, UriKind.Absolute, out baseUrl))
        {
            throw new InvalidOperationException($"{BaseUrlVariable} is not an absolute URL: '{baseUrlText}'.");
        }

        if (apiKey is null && baseUrl is null)
        {
            throw new InvalidOperationException($"Set {ApiKeyVariable} (or {BaseUrlVariable} for a compatible server) to use OpenAI.");
        }

        OpenAIApiKind api;
        try
        {
            api = ParseApiKind(getVariable(ApiVariable));
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException(exception.Message, exception);
        }

        return new OpenAIChatClientOptions
        {
            ApiKey = apiKey ?? PlaceholderApiKey,
            BaseUrl = baseUrl,
            Model = NullIfEmpty(getVariable(ModelVariable)) ?? DefaultModel,
            Api = api,
        };
    }

    /// <summary>Creates a client from explicit values.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <param name="model">The model; defaults to <see cref="DefaultModel"/>.</param>
    /// <param name="baseUrl">Base URL of an OpenAI-compatible server; <see langword="null"/> for api.openai.com.</param>
    /// <param name="api">Which API to call.</param>
    /// <param name="maxRetries">The SDK retry count; <see langword="null"/> keeps its default.</param>
    public static IChatClient Create(string apiKey, string? model = null, Uri? baseUrl = null, OpenAIApiKind api = OpenAIApiKind.Responses, int? maxRetries = null) =>
        Create(new OpenAIChatClientOptions
        {
            ApiKey = apiKey,
            Model = model ?? DefaultModel,
            BaseUrl = baseUrl,
            Api = api,
            MaxRetries = maxRetries,
        });

    /// <summary>Creates a client from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException"><see cref="OpenAIChatClientOptions.ApiKey"/> or <see cref="OpenAIChatClientOptions.Model"/> is empty.</exception>
    public static IChatClient Create(OpenAIChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey, $"{nameof(options)}.{nameof(options.ApiKey)}");
        ArgumentException.ThrowIfNullOrEmpty(options.Model, $"{nameof(options)}.{nameof(options.Model)}");
        var clientOptions = new OpenAIClientOptions();
        Configure(clientOptions, options);
        clientOptions.Endpoint = options.BaseUrl ?? clientOptions.Endpoint;
        var client = new OpenAIClient(new ApiKeyCredential(options.ApiKey), clientOptions);

        // The official Microsoft.Extensions.AI.OpenAI adapters do the request/response mapping for both APIs.
        return options.Api switch
        {
            OpenAIApiKind.ChatCompletions => new UnfinishedStreamChatClient(
                new ChatCompletionsStreamErrorChatClient(new EmptyToolArgumentsChatClient(client.GetChatClient(options.Model).AsIChatClient()))),
            OpenAIApiKind.Responses => CreateResponsesClient(client, options.Model),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Api, "Unknown OpenAI API kind."),
        };
    }

    /// <summary>Parses an <c>OPENAI_API</c> value: <c>responses</c>, or <c>chat</c> / <c>chat_completions</c> / <c>completions</c>; empty means <see cref="OpenAIApiKind.Responses"/>.</summary>
    /// <exception cref="ArgumentException">The value is not recognised.</exception>
    public static OpenAIApiKind ParseApiKind(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "responses" => OpenAIApiKind.Responses,
        "chat" or "chat_completions" or "chat-completions" or "completions" => OpenAIApiKind.ChatCompletions,
        _ => throw new ArgumentException($"{ApiVariable} must be 'responses' or 'chat', not '{value}'.", nameof(value)),
    };

#pragma warning disable OPENAI001 // The Responses client is marked experimental in the OpenAI SDK; the adapter targets it on purpose.
    private static IChatClient CreateResponsesClient(OpenAIClient client, string model) =>
        new UnfinishedStreamChatClient(new ResponsesStreamOutcomeChatClient(new EmptyToolArgumentsChatClient(client.GetResponsesClient().AsIChatClient(model))));
#pragma warning restore OPENAI001

    private static void Configure(ClientPipelineOptions pipelineOptions, OpenAIChatClientOptions options)
    {
        if (options.MaxRetries is { } maxRetries)
        {
            pipelineOptions.RetryPolicy = new ClientRetryPolicy(maxRetries);
        }

        if (options.NetworkTimeout is { } timeout)
        {
            pipelineOptions.NetworkTimeout = timeout;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
