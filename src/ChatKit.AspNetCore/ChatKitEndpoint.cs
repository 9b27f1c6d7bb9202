using System.Diagnostics;
using System.Text.Json;
using ChatKit.AspNetCore.Security;
using ChatKit.Json;
using ChatKit.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatKit.AspNetCore;

/// <summary>The request delegate behind <c>MapChatKit</c>: body in, JSON or SSE out, errors as JSON with a status.</summary>
internal static partial class ChatKitEndpoint
{
    public static async Task HandleAsync<TContext>(HttpContext http, ILogger logger)
    {
        var services = http.RequestServices;
        var server = services.GetRequiredService<ChatKitServer<TContext>>();
        var aborted = http.RequestAborted;
        string? requestType = null;
        string? threadId = null;
        try
        {
            // Before the context: the context factory may issue an anonymous cookie, which a refused request must not get.
            CrossSiteRequestGuard.CheckProtocolRequest(http.Request, services.GetRequiredService<ChatKitPublicOrigin>());
            var context = await services.GetRequiredService<IChatKitContextFactory<TContext>>().CreateAsync(http, aborted).ConfigureAwait(false);
            ChatKitRequest request;
            using (var body = await RequestBodyReader.ReadAsync(http.Request, server.Options.MaxRequestBytes, aborted).ConfigureAwait(false))
            {
                request = ChatKitRequestParser.Parse(body.Memory.Span);
            }

            requestType = request.Type;
            threadId = LogText.Of(request.ThreadId);
            Activity.Current?.SetTag("chatkit.request.type", requestType);
            LogRequest(logger, requestType, threadId);

            // A client that can resume gets turns that outlive this request (docs/protocol.md §16).
            var options = http.Request.Headers[ChatKitRequestOptions.ResumableHeader] == "1" ? ChatKitRequestOptions.Resumable : ChatKitRequestOptions.Default;
            switch (await server.ProcessAsync(request, context, options, aborted).ConfigureAwait(false))
            {
                case JsonResult json:
                    http.Response.StatusCode = StatusCodes.Status200OK;
                    http.Response.ContentType = "application/json";
                    http.Response.ContentLength = json.Json.Length;
                    await http.Response.Body.WriteAsync(json.Json, aborted).ConfigureAwait(false);
                    break;
                case StreamingResult stream:
                    await using (((IAsyncDisposable)stream).ConfigureAwait(false))
                    {
                        await WriteStreamAsync(http, stream, aborted).ConfigureAwait(false);
                    }

                    break;
            }
        }
        catch (ChatKitException e) when (!http.Response.HasStarted)
        {
            LogRejected(logger, requestType ?? "(unparsed)", threadId, e.StatusCode, e.Code, LogText.Of(e.Message));
            if (e.RetryAfter is { } retryAfter)
            {
                http.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
            }

            await WriteErrorAsync(http, e.StatusCode, e.Code, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted && !aborted.IsCancellationRequested)
        {
            // Kestrel's own verdicts on the request (a body sent too slowly, cut short, malformed): the client's fault,
            // not the server's, so its status and a Debug line rather than a 500 and an error with a stack trace.
            LogBadRequest(logger, requestType ?? "(unparsed)", e.StatusCode, LogText.Of(e.Message));
            await TryWriteErrorAsync(http, e.StatusCode, e.StatusCode == StatusCodes.Status408RequestTimeout ? "request_timeout" : "bad_request", "The request could not be read.").ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            LogBadRequest(logger, requestType ?? "(unparsed)", e.StatusCode, LogText.Of(e.Message));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            LogClientGone(logger, requestType ?? "(unparsed)", threadId);
        }
        catch (Exception e) when (!http.Response.HasStarted && !aborted.IsCancellationRequested)
        {
            LogFailed(logger, e, requestType ?? "(unparsed)", threadId);
            await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, "internal_error", "The server failed to process the request.").ConfigureAwait(false);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            // The stream already started, so no status can be sent: cut it so the client sees a failed request.
            LogFailed(logger, e, requestType ?? "(unparsed)", threadId);
            http.Abort();
        }
    }

    private static async Task WriteStreamAsync(HttpContext http, StreamingResult stream, CancellationToken aborted)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(aborted).ConfigureAwait(false);

        // The frames come from the result: one framing routine for every host. They arrive in batches of the frames
        // that were ready together, so a fast producer pays one flush (one network write, one client wake-up) per
        // burst, and a slow one still has each frame flushed the moment it exists.
        var writer = response.BodyWriter;
        await foreach (var batch in stream.FrameBatches().WithCancellation(aborted).ConfigureAwait(false))
        {
            // One WriteAsync per batch: it copies and flushes, and takes Kestrel's output lock once (writing into the
            // pipe's own memory would take it for every span).
            var flush = await writer.WriteAsync(batch, aborted).ConfigureAwait(false);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                // The client went away; leaving the loop disposes the stream, which runs the cancellation clean-up.
                return;
            }
        }
    }

    internal static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The connection may already be unusable (that is often why the request failed): the status was worth a try.
    private static async Task TryWriteErrorAsync(HttpContext http, int status, string code, string message)
    {
        try
        {
            await WriteErrorAsync(http, status, code, message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException or BadHttpRequestException)
        {
        }
    }

    internal static Task WriteErrorAsync(HttpContext http, int status, string code, string message)
    {
        // Messages may quote request values; bounded so no input comes back at full size.
        if (message.Length > MaxErrorMessageLength)
        {
            message = string.Concat(message.AsSpan(0, MaxErrorMessageLength), "…");
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var body = new ErrorResponse { Error = new ErrorResponseBody { Code = code, Message = message } };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, ChatKitJson.Wire.ErrorResponse);
    }

    private const int MaxErrorMessageLength = 1000;

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "ChatKit {RequestType}: the request could not be read ({StatusCode}): {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string requestType, int statusCode, string reason);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "ChatKit {RequestType} (thread {ThreadId})")]
    private static partial void LogRequest(ILogger logger, string requestType, string? threadId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "ChatKit {RequestType} (thread {ThreadId}) rejected with {StatusCode} {Code}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string requestType, string? threadId, int statusCode, string code, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "ChatKit {RequestType} (thread {ThreadId}): the client disconnected")]
    private static partial void LogClientGone(ILogger logger, string requestType, string? threadId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "ChatKit {RequestType} (thread {ThreadId}) failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string requestType, string? threadId);
}
