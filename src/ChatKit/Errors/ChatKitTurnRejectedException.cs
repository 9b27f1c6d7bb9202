namespace ChatKit;

/// <summary>
/// Throw from a handler (a guardrail on the user's input or the assistant's output, a tool, a chat client middleware)
/// to reject the whole turn: the server removes every item the turn added (<c>thread.item.removed</c> events and the
/// stored rows; what was stored before the turn, including the user's message, stays) and ends the stream with an
/// <c>error</c> event showing <see cref="Exception.Message"/> (code <c>custom</c>).
/// </summary>
public class ChatKitTurnRejectedException : StreamErrorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the user is shown.</param>
    /// <param name="allowRetry">Whether the client offers retry (default false: the same turn would be rejected again).</param>
    /// <param name="innerException">What triggered the rejection, e.g. a guardrail's own exception.</param>
    public ChatKitTurnRejectedException(string message, bool allowRetry = false, Exception? innerException = null)
        : base(ErrorEvent.CustomCode, allowRetry, message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
    }

    /// <inheritdoc />
    public override ErrorEvent ToEvent() => new() { Code = ErrorEvent.CustomCode, Message = Message, AllowRetry = AllowRetry };
}
