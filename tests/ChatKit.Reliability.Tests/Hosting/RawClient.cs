using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Testing.Http;

namespace ChatKit.Reliability.Tests.Hosting;

/// <summary>
/// Posts arbitrary bytes (invalid UTF-8, truncated JSON) to the ChatKit endpoint as one user, and reads every
/// response to its end so that a torn stream is seen as such.
/// </summary>
public sealed class RawClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    /// <param name="endpoint">The ChatKit endpoint.</param>
    /// <param name="cookies">The user's cookie jar (a new anonymous user by default).</param>
    /// <param name="resumable">Sends <c>ChatKit-Resumable: 1</c>, as our element does: turns are then runs.</param>
    public RawClient(Uri endpoint, CookieContainer? cookies = null, bool resumable = false)
    {
        _endpoint = endpoint;
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true }) { Timeout = TimeSpan.FromSeconds(60) };
        if (resumable)
        {
            _http.DefaultRequestHeaders.Add("ChatKit-Resumable", "1");
        }
    }

    /// <summary>The cookie jar that holds this user's anonymous id.</summary>
    public CookieContainer Cookies { get; }

    public Task<Outcome> PostAsync(string body, CancellationToken cancellationToken = default) =>
        PostAsync(Encoding.UTF8.GetBytes(body), cancellationToken);

    public async Task<Outcome> PostAsync(byte[] body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "text/event-stream")
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                // Left null: the caller asserts on what it expected.
            }

            return new Outcome(response.StatusCode, mediaType, json, [], null, text);
        }

        var events = new List<JsonObject>();
        string? torn = null;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var e in SseReader.ReadAsync(stream, cancellationToken))
            {
                events.Add(e);
            }
        }
        catch (Exception e) when (e is FormatException or IOException or HttpRequestException or System.Text.Json.JsonException)
        {
            torn = $"{e.GetType().Name}: {e.Message}";
        }

        return new Outcome(response.StatusCode, mediaType, null, events, torn, string.Join('\n', events.Select(e => e.ToJsonString())));
    }

    public void Dispose() => _http.Dispose();
}
