using Microsoft.Extensions.Logging;

namespace ChatKit.OpenAI.Sessions;

/// <summary>The log events of <see cref="ChatKitSessionsClient"/>. None of them carries a key or a client secret.</summary>
internal static partial class ChatKitSessionsLog
{
    [LoggerMessage(1, LogLevel.Warning, "ChatKit API {Method} {Path} answered {StatusCode} (request id {RequestId}); retry {Attempt} of {MaxRetries} in {DelayMs} ms.")]
    public static partial void RetryingStatus(ILogger logger, string method, string path, int statusCode, string? requestId, int attempt, int maxRetries, long delayMs);

    [LoggerMessage(2, LogLevel.Warning, "ChatKit API {Method} {Path} failed ({FailureKind}); retry {Attempt} of {MaxRetries} in {DelayMs} ms.")]
    public static partial void RetryingFailure(ILogger logger, string method, string path, string failureKind, int attempt, int maxRetries, long delayMs);

    [LoggerMessage(3, LogLevel.Warning, "ChatKit API {Method} {Path} answered {StatusCode} [{ErrorType}/{ErrorCode}] (request id {RequestId}).")]
    public static partial void RequestFailed(ILogger logger, string method, string path, int statusCode, string? errorType, string? errorCode, string? requestId);

    [LoggerMessage(4, LogLevel.Warning, "ChatKit API {Method} {Path} answered {StatusCode} with an unreadable body (request id {RequestId}).")]
    public static partial void InvalidResponse(ILogger logger, string method, string path, int statusCode, string? requestId);

    [LoggerMessage(5, LogLevel.Debug, "ChatKit API {Method} {Path} answered {StatusCode} (request id {RequestId}).")]
    public static partial void RequestSucceeded(ILogger logger, string method, string path, int statusCode, string? requestId);
}
