namespace ChatKit;

/// <summary>The response of <c>threads.sync_custom_action</c>: <c>{"updated_item": …}</c> or <c>{}</c>.</summary>
public sealed class SyncCustomActionResponse
{
    /// <summary>The widget item re-rendered by the handler, if any. The server does not persist it.</summary>
    public ThreadItem? UpdatedItem { get; init; }
}

/// <summary>The response of <c>input.transcribe</c>.</summary>
public sealed class TranscriptionResult
{
    /// <summary>The transcribed text.</summary>
    public required string Text { get; init; }
}

/// <summary>The empty object <c>{}</c> returned by feedback and deletes.</summary>
public sealed class EmptyResponse
{
    /// <summary>The single instance.</summary>
    public static EmptyResponse Instance { get; } = new();
}

/// <summary>Dictated audio handed to <c>TranscribeAsync</c>.</summary>
public sealed class AudioInput
{
    /// <summary>The decoded bytes.</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The raw MIME type (e.g. <c>audio/webm;codecs=opus</c>).</summary>
    public required string MimeType { get; init; }

    /// <summary>The media type: the part before the first <c>;</c> (e.g. <c>audio/webm</c>).</summary>
    public string MediaType => MimeType.Split(';', 2)[0].Trim();
}

/// <summary>The error body of a rejected request: <c>{"error": {"code": …, "message": …}}</c>.</summary>
public sealed class ErrorResponse
{
    /// <summary>The error.</summary>
    public required ErrorResponseBody Error { get; init; }
}

/// <summary>The error of an <see cref="ErrorResponse"/>.</summary>
public sealed class ErrorResponseBody
{
    /// <summary>A stable, machine-readable code (e.g. <c>not_found</c>).</summary>
    public required string Code { get; init; }

    /// <summary>A message for developers.</summary>
    public required string Message { get; init; }
}
