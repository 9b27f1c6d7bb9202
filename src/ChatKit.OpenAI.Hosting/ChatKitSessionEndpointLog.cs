using System.Net;
using Microsoft.Extensions.Logging;

namespace ChatKit.OpenAI.Hosting;

/// <summary>The log events of the session endpoint. None carries the API key or a client secret.</summary>
internal static partial class ChatKitSessionEndpointLog
{
    [LoggerMessage(101, LogLevel.Information, "Minted a ChatKit client secret for session {SessionId} (refresh: {Refresh}), expiring at {ExpiresAt}.")]
    public static partial void SessionCreated(ILogger logger, string sessionId, bool refresh, DateTimeOffset expiresAt);

    [LoggerMessage(102, LogLevel.Information, "ChatKit session request refused: no signed-in user and anonymous users are not allowed.")]
    public static partial void NoUser(ILogger logger);

    [LoggerMessage(109, LogLevel.Information, "ChatKit session request refused: a cookie-carrying request from another site (add its origin to ChatKit:Security:AllowedOrigins if it is yours).")]
    public static partial void CrossSiteRefused(ILogger logger);

    [LoggerMessage(103, LogLevel.Error, "ChatKit sessions are not configured: set ChatKit:Hosted:WorkflowId.")]
    public static partial void MissingWorkflow(ILogger logger);

    [LoggerMessage(108, LogLevel.Error, "The ChatKit session endpoint was reached without the rate limiter: call app.UseRateLimiter() (after UseAuthentication) before the endpoints run. Refusing to mint secrets.")]
    public static partial void RateLimiterMissing(ILogger logger);

    [LoggerMessage(104, LogLevel.Warning, "OpenAI rate-limited ChatKit session creation ({StatusCode}, request id {RequestId}); telling the browser to retry in {RetryAfterSeconds} s.")]
    public static partial void UpstreamRateLimited(ILogger logger, HttpStatusCode statusCode, string? requestId, long retryAfterSeconds);

    [LoggerMessage(105, LogLevel.Error, "OpenAI refused ChatKit session creation: {StatusCode} [{ErrorType}/{ErrorCode}] (request id {RequestId}). Check the API key, workflow id and version.")]
    public static partial void UpstreamRejected(ILogger logger, HttpStatusCode statusCode, string? errorType, string? errorCode, string? requestId);

    [LoggerMessage(106, LogLevel.Error, "ChatKit session creation failed upstream.")]
    public static partial void UpstreamFailed(ILogger logger, Exception exception);

    [LoggerMessage(107, LogLevel.Error, "ChatKit session creation failed.")]
    public static partial void Failed(ILogger logger, Exception exception);
}
