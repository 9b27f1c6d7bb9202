using System.Net;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// The ChatKit API answered with an error status (4xx or 5xx), after any retries.
/// </summary>
/// <remarks>
/// The message and <see cref="ErrorMessage"/> are redacted: anything that looks like an API key is replaced, so the
/// exception is safe to log. Do not return it to browsers anyway: it describes the server's configuration.
/// </remarks>
public class ChatKitApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status the API answered with.</param>
    /// <param name="errorType">The OpenAI error <c>type</c>, if the body had one.</param>
    /// <param name="errorCode">The OpenAI error <c>code</c>, if the body had one.</param>
    /// <param name="errorMessage">The OpenAI error <c>message</c> (already redacted), if the body had one.</param>
    /// <param name="requestId">The <c>x-request-id</c> of the failed response.</param>
    /// <param name="retryAfter">How long the API asked callers to wait, if it said so.</param>
    public ChatKitApiException(HttpStatusCode statusCode, string? errorType, string? errorCode, string? errorMessage, string? requestId, TimeSpan? retryAfter)
        : base(FormatMessage(statusCode, errorType, errorCode, errorMessage, requestId))
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status the API answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The OpenAI error type, for example <c>invalid_request_error</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The OpenAI error code, for example <c>invalid_api_key</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The OpenAI error message, redacted.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request id of the failed response (<c>x-request-id</c>), useful when contacting OpenAI support.</summary>
    public string? RequestId { get; }

    /// <summary>The wait the API asked for (<c>retry-after-ms</c> or <c>Retry-After</c>), if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether the API refused the request because of a rate limit or quota (HTTP 429).</summary>
    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>Whether the API failed on its side (HTTP 5xx).</summary>
    public bool IsServerError => (int)StatusCode >= 500;

    private static string FormatMessage(HttpStatusCode statusCode, string? errorType, string? errorCode, string? errorMessage, string? requestId)
    {
        var text = $"The ChatKit API answered {(int)statusCode} ({statusCode})";
        if (errorType is not null || errorCode is not null)
        {
            text += $" [{errorType ?? "?"}/{errorCode ?? "?"}]";
        }

        if (!string.IsNullOrEmpty(errorMessage))
        {
            text += ": " + errorMessage;
        }

        return requestId is null ? text + "." : text + $" (request id {requestId}).";
    }
}
