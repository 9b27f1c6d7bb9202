using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// A client of OpenAI's hosted ChatKit API: creates and cancels ChatKit sessions (whose client secrets the browser
/// uses) and reads, lists and deletes hosted threads.
/// </summary>
/// <remarks>
/// Designed as a typed client of <see cref="IHttpClientFactory"/>: register it with <c>AddChatKitSessionsClient</c>.
/// Every request carries <c>Authorization: Bearer</c> and <c>OpenAI-Beta: chatkit_beta=v1</c>. Requests that fail
/// with 408, 429 or 5xx, a connection failure or a timeout are retried up to
/// <see cref="ChatKitSessionsOptions.MaxRetries"/> times with exponential backoff and jitter, honouring
/// <c>retry-after-ms</c> and <c>Retry-After</c> (seconds or HTTP date) and the <c>x-should-retry</c> hint.
/// </remarks>
public sealed class ChatKitSessionsClient
{
    /// <summary>The beta header every ChatKit API request needs.</summary>
    public const string BetaHeaderName = "OpenAI-Beta";

    /// <summary>The value of <see cref="BetaHeaderName"/>.</summary>
    public const string BetaHeaderValue = "chatkit_beta=v1";

    private const int MaxErrorBodyChars = 16 * 1024;

    private readonly HttpClient _httpClient;
    private readonly ChatKitSessionsOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the client.</summary>
    /// <param name="httpClient">The HTTP client; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The client options.</param>
    /// <param name="logger">The logger; <see langword="null"/> logs nothing.</param>
    /// <param name="timeProvider">The clock used for backoff waits; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    public ChatKitSessionsClient(HttpClient httpClient, IOptions<ChatKitSessionsOptions> options, ILogger<ChatKitSessionsClient>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates a ChatKit session (<c>POST /chatkit/sessions</c>).</summary>
    /// <param name="request">The session to create.</param>
    /// <param name="cancellationToken">Cancels the request, including any backoff wait.</param>
    /// <returns>The created session, with its client secret.</returns>
    /// <exception cref="ChatKitApiException">The API answered with an error status.</exception>
    /// <exception cref="ChatKitInvalidResponseException">The API answered with an unreadable body.</exception>
    public Task<ChatKitSession> CreateSessionAsync(ChatKitSessionCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.User, nameof(request) + ".User");
        ArgumentNullException.ThrowIfNull(request.Workflow, nameof(request) + ".Workflow");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Workflow.Id, nameof(request) + ".Workflow.Id");
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ChatKitSessionsJsonContext.Default.ChatKitSessionCreateRequest);
        return SendAsync(HttpMethod.Post, "chatkit/sessions", "chatkit/sessions", body, ChatKitSessionsJsonContext.Default.ChatKitSession, cancellationToken);
    }

    /// <summary>Cancels a ChatKit session (<c>POST /chatkit/sessions/{session_id}/cancel</c>); its client secret stops working for new requests.</summary>
    /// <param name="sessionId">The session identifier.</param>
    /// <param name="cancellationToken">Cancels the request, including any backoff wait.</param>
    /// <returns>The cancelled session.</returns>
    public Task<ChatKitSession> CancelSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return SendAsync(HttpMethod.Post, $"chatkit/sessions/{Uri.EscapeDataString(sessionId)}/cancel", "chatkit/sessions/{session_id}/cancel", null, ChatKitSessionsJsonContext.Default.ChatKitSession, cancellationToken);
    }

    /// <summary>Lists hosted ChatKit threads (<c>GET /chatkit/threads</c>).</summary>
    /// <param name="options">Pagination and the optional user filter.</param>
    /// <param name="cancellationToken">Cancels the request, including any backoff wait.</param>
    /// <returns>One page of threads.</returns>
    public Task<ChatKitPage<ChatKitThread>> ListThreadsAsync(ChatKitThreadListOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, WithQuery("chatkit/threads", options), "chatkit/threads", null, ChatKitSessionsJsonContext.Default.ChatKitPageChatKitThread, cancellationToken);

    /// <summary>Retrieves a hosted ChatKit thread (<c>GET /chatkit/threads/{thread_id}</c>).</summary>
    /// <param name="threadId">The thread identifier.</param>
    /// <param name="cancellationToken">Cancels the request, including any backoff wait.</param>
    /// <returns>The thread.</returns>
    public Task<ChatKitThread> GetThreadAsync(string threadId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(threadId);
        return SendAsync(HttpMethod.Get, $"chatkit/threads/{Uri.EscapeDataString(threadId)}", "chatkit/threads/{thread_id}", null, ChatKitSessionsJsonContext.Default.ChatKitThread, cancellationToken);
    }

    /// <summary>Deletes a hosted ChatKit thread and its items (<c>DELETE /chatkit/threads/{thread_id}</c>).</summary>
    /// <param name="threadId">The thread identifier.</param>
    /// <param name="cancellationToken">Cancels the request, including any backoff wait.</param>
    /// <returns>The deletion confirmation.</returns>
    public Task<ChatKitThreadDeletion> DeleteThreadAsync(string threadId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(threadId);
        return SendAsync(HttpMethod.Delete, $"chatkit/threads/{Uri.EscapeDataString(threadId)}", "chatkit/threads/{thread_id}", null, ChatKitSessionsJsonContext.Default.ChatKitThreadDeletion, cancellationToken);
    }

    /// <summary>Lists the items of a hosted ChatKit thread (<c>GET /chatkit/threads/{thread_id}/items</c>).</summary>
    /// <param name="threadId">The thread identifier.</param>
    /// <param name="options">Pagination.</param>
    /// <param name="cancellationToken">Cancels the request, including any backoff wait.</param>
    /// <returns>One page of thread items.</returns>
    public Task<ChatKitPage<ChatKitThreadItem>> ListThreadItemsAsync(string threadId, ChatKitListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(threadId);
        return SendAsync(HttpMethod.Get, WithQuery($"chatkit/threads/{Uri.EscapeDataString(threadId)}/items", options), "chatkit/threads/{thread_id}/items", null, ChatKitSessionsJsonContext.Default.ChatKitPageChatKitThreadItem, cancellationToken);
    }

    /// <summary>
    /// Enumerates every hosted thread matching <paramref name="options"/>, fetching pages as needed
    /// (each page after the first starts after the previous page's last thread).
    /// </summary>
    /// <param name="options">The page size, order and user filter; <see cref="ChatKitListOptions.After"/> is the starting point.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The threads.</returns>
    public IAsyncEnumerable<ChatKitThread> ListAllThreadsAsync(ChatKitThreadListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var template = options ?? new ChatKitThreadListOptions();
        return PaginateAsync(
            after => ListThreadsAsync(new ChatKitThreadListOptions { After = after, Before = template.Before, Limit = template.Limit, Order = template.Order, User = template.User }, cancellationToken),
            template.After,
            cancellationToken);
    }

    /// <summary>Enumerates every item of a hosted thread, fetching pages as needed.</summary>
    /// <param name="threadId">The thread identifier.</param>
    /// <param name="options">The page size and order; <see cref="ChatKitListOptions.After"/> is the starting point.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The thread items.</returns>
    public IAsyncEnumerable<ChatKitThreadItem> ListAllThreadItemsAsync(string threadId, ChatKitListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(threadId);
        var template = options ?? new ChatKitListOptions();
        return PaginateAsync(
            after => ListThreadItemsAsync(threadId, new ChatKitListOptions { After = after, Before = template.Before, Limit = template.Limit, Order = template.Order }, cancellationToken),
            template.After,
            cancellationToken);
    }

    private static async IAsyncEnumerable<T> PaginateAsync<T>(Func<string?, Task<ChatKitPage<T>>> fetch, string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetch(after).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            // Stop on the last page, and on a page that would not advance the cursor.
            if (!page.HasMore || page.Data.Count == 0 || string.IsNullOrEmpty(page.LastId) || page.LastId == after)
            {
                yield break;
            }

            after = page.LastId;
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string relativeUri, string logPath, byte[]? body, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
        where T : class
    {
        var apiKey = ResolveApiKey();
        var requestUri = new Uri(ResolveBaseUrl(), relativeUri);
        var maxRetries = Math.Max(0, _options.MaxRetries);

        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var request = CreateRequest(method, requestUri, apiKey, body);

            HttpResponseMessage response;
            try
            {
                response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < maxRetries)
            {
                var delay = Backoff(attempt);
                ChatKitSessionsLog.RetryingFailure(_logger, method.Method, logPath, "connection failure", attempt + 1, maxRetries, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && attempt < maxRetries)
            {
                // HttpClient.Timeout elapsed (the caller did not cancel).
                var delay = Backoff(attempt);
                ChatKitSessionsLog.RetryingFailure(_logger, method.Method, logPath, "timeout", attempt + 1, maxRetries, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var requestId = Header(response.Headers, "x-request-id");
                var status = (int)response.StatusCode;

                if (response.IsSuccessStatusCode)
                {
                    T? result;
                    try
                    {
                        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                        await using (stream.ConfigureAwait(false))
                        {
                            result = await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    catch (JsonException ex)
                    {
                        ChatKitSessionsLog.InvalidResponse(_logger, method.Method, logPath, status, requestId);
                        throw new ChatKitInvalidResponseException(response.StatusCode, requestId, ex);
                    }

                    if (result is null)
                    {
                        ChatKitSessionsLog.InvalidResponse(_logger, method.Method, logPath, status, requestId);
                        throw new ChatKitInvalidResponseException(response.StatusCode, requestId, null);
                    }

                    ChatKitSessionsLog.RequestSucceeded(_logger, method.Method, logPath, status, requestId);
                    return result;
                }

                var retryAfter = ChatKitRetryAfter.Read(response.Headers, _timeProvider.GetUtcNow());
                if (attempt < maxRetries && ShouldRetry(response) && (retryAfter is null || retryAfter <= _options.MaxRetryAfter))
                {
                    var delay = retryAfter ?? Backoff(attempt);
                    ChatKitSessionsLog.RetryingStatus(_logger, method.Method, logPath, status, requestId, attempt + 1, maxRetries, (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var errorBody = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
                var error = ChatKitErrorBody.Parse(errorBody);
                ChatKitSessionsLog.RequestFailed(_logger, method.Method, logPath, status, error.Type, error.Code, requestId);
                throw new ChatKitApiException(
                    response.StatusCode,
                    ChatKitSecretRedactor.Redact(error.Type, apiKey),
                    ChatKitSecretRedactor.Redact(error.Code, apiKey),
                    ChatKitSecretRedactor.Redact(error.Message, apiKey),
                    requestId,
                    retryAfter);
            }
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri requestUri, string apiKey, byte[]? body)
    {
        var request = new HttpRequestMessage(method, requestUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.TryAddWithoutValidation(BetaHeaderName, BetaHeaderValue);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(_options.Organization))
        {
            request.Headers.TryAddWithoutValidation("OpenAI-Organization", _options.Organization);
        }

        if (!string.IsNullOrEmpty(_options.Project))
        {
            request.Headers.TryAddWithoutValidation("OpenAI-Project", _options.Project);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([]);
        }

        return request;
    }

    private static bool ShouldRetry(HttpResponseMessage response)
    {
        switch (Header(response.Headers, "x-should-retry"))
        {
            case "true":
                return true;
            case "false":
                return false;
        }

        var status = response.StatusCode;
        return status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
    }

    private TimeSpan Backoff(int attempt)
    {
        var initial = Math.Max(0, _options.InitialRetryDelay.TotalMilliseconds);
        var ceiling = Math.Max(initial, _options.MaxRetryDelay.TotalMilliseconds);
        var exponential = Math.Min(initial * Math.Pow(2, attempt), ceiling);
        // Jitter: shorten by up to a quarter so that clients that failed together do not retry together.
        var jittered = exponential * (1 - (0.25 * Random.Shared.NextDouble()));
        return TimeSpan.FromMilliseconds(jittered);
    }

    private static async Task<string?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var buffer = new char[MaxErrorBodyChars];
                var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                return new string(buffer, 0, read);
            }
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private string ResolveApiKey()
    {
        var apiKey = _options.ApiKey;
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            apiKey = _options.EnvironmentVariables("OPENAI_API_KEY");
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new InvalidOperationException("No OpenAI API key is configured for ChatKit sessions: set ChatKit:Hosted:ApiKey or the OPENAI_API_KEY environment variable.");
        }

        return apiKey.Trim();
    }

    private Uri ResolveBaseUrl()
    {
        var baseUrl = _options.BaseUrl;
        if (baseUrl is null)
        {
            var fromEnvironment = _options.EnvironmentVariables("OPENAI_BASE_URL");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                if (!Uri.TryCreate(fromEnvironment.Trim(), UriKind.Absolute, out baseUrl))
                {
                    throw new InvalidOperationException("OPENAI_BASE_URL is not an absolute URL.");
                }
            }
        }

        baseUrl ??= ChatKitSessionsOptions.DefaultBaseUrl;
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The ChatKit sessions base URL must be absolute.");
        }

        // Relative paths resolve under the last segment only when the base ends with a slash (".../v1/").
        return baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    }

    private static string WithQuery(string path, ChatKitListOptions? options)
    {
        if (options is null)
        {
            return path;
        }

        var query = new List<KeyValuePair<string, string>>();
        options.AppendQuery(query);
        if (query.Count == 0)
        {
            return path;
        }

        var builder = new StringBuilder(path).Append('?');
        for (var i = 0; i < query.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(query[i].Key)).Append('=').Append(Uri.EscapeDataString(query[i].Value));
        }

        return builder.ToString();
    }
}
