using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatKit.Testing.FakeOpenAI;

/// <summary>
/// A local OpenAI-compatible HTTP server for tests: Kestrel on <c>127.0.0.1</c> with a random free port, serving
/// <c>POST /v1/chat/completions</c> and <c>POST /v1/responses</c> from a queue of scripted <see cref="FakeReply"/>s
/// (streamed as real SSE when the request says <c>"stream": true</c>) and recording every request it receives.
/// </summary>
/// <example><code>
/// await using var server = await FakeOpenAIServer.StartAsync();
/// server.Enqueue(FakeReply.WithText("Hello!", chunks: 3));
/// var client = new ChatClient("gpt-test", new ApiKeyCredential("test-key"),
///     new OpenAIClientOptions { Endpoint = server.BaseUrl });
/// // ... call the client, then assert on server.Requests[0].Json
/// </code></example>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private static readonly TimeSpan AbortGracePeriod = TimeSpan.FromMilliseconds(150);
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();

    private FakeOpenAIServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The OpenAI base URL to give the SDK, e.g. <c>http://127.0.0.1:54321/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>
    /// Computes the reply when the queue is empty (e.g. for an end-to-end demo). When <see langword="null"/> and
    /// nothing is queued, the server answers 500 with an OpenAI-style error body.
    /// </summary>
    public Func<RecordedRequest, FakeReply>? FallbackReply { get; set; }

    /// <summary>Starts a server on a random free port of <c>127.0.0.1</c>.</summary>
    public static async Task<FakeOpenAIServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        FakeOpenAIServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Urls.First();
        server = new FakeOpenAIServer(app, new Uri(address.TrimEnd('/') + "/v1"));
        return server;
    }

    /// <summary>Queues the reply for the next request.</summary>
    public FakeOpenAIServer Enqueue(FakeReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        _replies.Enqueue(reply);
        return this;
    }

    /// <summary>Queues several replies, answered in order.</summary>
    public FakeOpenAIServer Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            Enqueue(reply);
        }

        return this;
    }

    /// <summary>Number of scripted replies not yet consumed.</summary>
    public int PendingReplies => _replies.Count;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown timed out: connections are torn down by DisposeAsync below.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", headers, body);
        _requests.Enqueue(request);

        var isChat = request.Path.EndsWith("/chat/completions", StringComparison.Ordinal);
        var isResponses = request.Path.EndsWith("/responses", StringComparison.Ordinal);
        if (!HttpMethods.IsPost(request.Method) || (!isChat && !isResponses))
        {
            await WriteErrorAsync(context, new FakeError(404, "not_found", $"No fake endpoint for {request.Method} {request.Path}.")).ConfigureAwait(false);
            return;
        }

        var reply = _replies.TryDequeue(out var queued) ? queued : FallbackReply?.Invoke(request);
        if (reply is null)
        {
            await WriteErrorAsync(context, new FakeError(500, "no_scripted_reply", "FakeOpenAIServer has no scripted reply queued.")).ConfigureAwait(false);
            return;
        }

        if (reply.Error is { } error)
        {
            await WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        JsonObject json;
        try
        {
            json = request.Json;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            await WriteErrorAsync(context, new FakeError(400, "invalid_json", exception.Message)).ConfigureAwait(false);
            return;
        }

        if (json["stream"]?.GetValue<bool>() != true)
        {
            var completed = isChat ? ChatCompletionsWireFormat.Complete(reply) : ResponsesWireFormat.Complete(reply);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(completed.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var includeUsage = json["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        var events = isChat ? ChatCompletionsWireFormat.Stream(reply, includeUsage) : ResponsesWireFormat.Stream(reply);
        await StreamAsync(context, reply, events).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, FakeReply reply, IReadOnlyList<SseEvent> events)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var token = linked.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        try
        {
            await context.Response.StartAsync(token).ConfigureAwait(false);
            for (var i = 0; i < events.Count; i++)
            {
                if (reply.AbortAfterEvents is { } limit && i >= limit)
                {
                    // Let the client read what was flushed before the reset discards it.
                    await Task.Delay(AbortGracePeriod, token).ConfigureAwait(false);
                    context.Abort();
                    return;
                }

                if (reply.EndAfterEvents is { } end && i >= end)
                {
                    return;
                }

                if (reply.StallAfterEvents == i)
                {
                    await Task.Delay(reply.StallDuration, token).ConfigureAwait(false);
                }

                if (i > 0 && reply.EventDelay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.EventDelay, token).ConfigureAwait(false);
                }

                await context.Response.WriteAsync(events[i].ToWire(), token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away (e.g. a cancelled stream) or the server is stopping.
            context.Abort();
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, FakeError error)
    {
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        if (error.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers["retry-after"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = error.Message,
                ["type"] = error.StatusCode == 429 ? "requests" : "invalid_request_error",
                ["param"] = null,
                ["code"] = error.Code,
            },
        };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
