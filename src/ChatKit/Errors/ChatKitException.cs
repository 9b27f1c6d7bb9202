namespace ChatKit;

/// <summary>
/// A request the server rejects before any response is sent. Hosts turn it into <see cref="StatusCode"/> with the
/// JSON body <c>{"error": {"code": …, "message": …}}</c>.
/// </summary>
public class ChatKitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChatKitException(int statusCode, string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Code = code;
    }

    /// <summary>The HTTP status the host answers with.</summary>
    public int StatusCode { get; }

    /// <summary>A stable, machine-readable code.</summary>
    public string Code { get; }

    /// <summary>When the client may try again (hosts send it as <c>Retry-After</c>); null when retrying will not help.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>The request is malformed or asks for something that cannot be done (400).</summary>
public sealed class ChatKitBadRequestException(string message, Exception? innerException = null)
    : ChatKitException(400, "invalid_request", message, innerException);

/// <summary>A thread, item or attachment does not exist, or belongs to someone else (404).</summary>
public sealed class ChatKitNotFoundException(string message)
    : ChatKitException(404, "not_found", message);

/// <summary>The request body is larger than allowed (413).</summary>
public sealed class ChatKitPayloadTooLargeException(long limit)
    : ChatKitException(413, "payload_too_large", $"The request body exceeds the limit of {limit} bytes.");

/// <summary>The request conflicts with the thread's state, e.g. no pending client tool call (409).</summary>
public sealed class ChatKitConflictException(string message)
    : ChatKitException(409, "conflict", message);

/// <summary>The server does not implement the requested operation (501).</summary>
public sealed class ChatKitNotSupportedException(string message)
    : ChatKitException(501, "not_supported", message);

/// <summary>
/// A request value is over one of the server's limits (400, code <c>limit_exceeded</c>); <see cref="Field"/> names it
/// by its JSON path (e.g. <c>params.title</c>).
/// </summary>
public sealed class ChatKitLimitExceededException(string field, string message)
    : ChatKitException(400, "limit_exceeded", message)
{
    /// <summary>The JSON path of the offending value.</summary>
    public string Field { get; } = field;
}

/// <summary>The user (or one of their threads) has too much going on; try again later (429 with <c>Retry-After</c>).</summary>
public sealed class ChatKitTooManyRequestsException : ChatKitException
{
    /// <summary>Creates the exception.</summary>
    public ChatKitTooManyRequestsException(string code, string message, TimeSpan retryAfter)
        : base(429, code, message) => RetryAfter = retryAfter;
}

/// <summary>The server is temporarily out of a shared resource, e.g. database connections (503 with <c>Retry-After</c>).</summary>
public sealed class ChatKitServiceUnavailableException : ChatKitException
{
    /// <summary>Creates the exception.</summary>
    public ChatKitServiceUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(503, "unavailable", message, innerException) => RetryAfter = retryAfter;
}
