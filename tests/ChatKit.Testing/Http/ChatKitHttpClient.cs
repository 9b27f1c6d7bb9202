using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatKit.Testing.Http;

/// <summary>A minimal ChatKit client over HTTP for end-to-end tests: posts requests, reads JSON or SSE.</summary>
public sealed class ChatKitHttpClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a client for the endpoint at <paramref name="endpoint"/> with its own cookie jar (one user).</summary>
    public ChatKitHttpClient(Uri endpoint, CookieContainer? cookies = null)
    {
        Endpoint = endpoint;
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The ChatKit endpoint URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Whether requests declare that this client can resume (<c>ChatKit-Resumable: 1</c>, docs/protocol.md §16): its
    /// turns then outlive their connection and their frames carry <c>id</c> lines.
    /// </summary>
    public bool Resumable { get; init; }

    /// <summary>The cookie jar (holds the anonymous user id).</summary>
    public CookieContainer Cookies { get; }

    /// <summary>Posts raw bytes and returns the response (headers read, body not yet).</summary>
    public Task<HttpResponseMessage> PostRawAsync(string body, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (Resumable)
        {
            request.Headers.Add("ChatKit-Resumable", "1");
        }

        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Posts a request expecting a JSON response; returns status and body.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> PostJsonAsync(string body, CancellationToken cancellationToken = default)
    {
        using var response = await PostRawAsync(body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Posts a streaming request and collects every event; fails if the response is not SSE.</summary>
    public async Task<List<JsonObject>> StreamAsync(string body, CancellationToken cancellationToken = default)
    {
        var events = new List<JsonObject>();
        await foreach (var e in StreamEventsAsync(body, cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Posts a streaming request and yields events as they arrive.</summary>
    public async IAsyncEnumerable<JsonObject> StreamEventsAsync(string body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await PostRawAsync(body, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Expected an SSE stream, got {(int)response.StatusCode} {response.Content.Headers.ContentType}: {text}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var e in SseReader.ReadAsync(stream, cancellationToken))
        {
            yield return e;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
