namespace ChatKit;

/// <summary>
/// Throw from a handler to end the stream with an <c>error</c> event of a given code (no message; the client
/// localizes known codes). <c>stream.error</c> allows retry by default.
/// </summary>
public class StreamErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StreamErrorException(string code = ErrorEvent.StreamErrorCode, bool? allowRetry = null, string? message = null)
        : base(message ?? $"Stream error '{code}'.")
    {
        Code = code;
        AllowRetry = allowRetry ?? code == ErrorEvent.StreamErrorCode;
    }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    protected StreamErrorException(string code, bool? allowRetry, string? message, Exception? innerException)
        : base(message ?? $"Stream error '{code}'.", innerException)
    {
        Code = code;
        AllowRetry = allowRetry ?? code == ErrorEvent.StreamErrorCode;
    }

    /// <summary>The error code.</summary>
    public string Code { get; }

    /// <summary>Whether the client offers retry.</summary>
    public bool AllowRetry { get; }

    /// <summary>The event this exception becomes.</summary>
    public virtual ErrorEvent ToEvent() => new() { Code = Code, AllowRetry = AllowRetry };
}

/// <summary>Throw from a handler to show <paramref name="message"/> as-is (code <c>custom</c>).</summary>
public sealed class CustomStreamErrorException(string message, bool allowRetry = false)
    : StreamErrorException(ErrorEvent.CustomCode, allowRetry, message)
{
    /// <inheritdoc />
    public override ErrorEvent ToEvent() => new() { Code = ErrorEvent.CustomCode, Message = Message, AllowRetry = AllowRetry };
}
