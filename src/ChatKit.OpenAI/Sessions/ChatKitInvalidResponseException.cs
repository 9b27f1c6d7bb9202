using System.Net;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// The ChatKit API answered with a success status but a body that is not the expected JSON object.
/// </summary>
public sealed class ChatKitInvalidResponseException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="requestId">The <c>x-request-id</c> of the response.</param>
    /// <param name="innerException">The deserialization failure, if any.</param>
    public ChatKitInvalidResponseException(HttpStatusCode statusCode, string? requestId, Exception? innerException)
        : base($"The ChatKit API answered {(int)statusCode} with a body that could not be read" + (requestId is null ? "." : $" (request id {requestId})."), innerException)
    {
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request id of the response (<c>x-request-id</c>).</summary>
    public string? RequestId { get; }
}
