namespace ChatKit.Blazor;

/// <summary>Detail of <c>chatkit.error</c>: a failed request, a stream <c>error</c> event or a failing handler.</summary>
/// <param name="Message">The error message.</param>
/// <param name="Name">The JavaScript error name, e.g. <c>"HttpError"</c>.</param>
public sealed record ChatKitErrorEventArgs(string Message, string? Name = null);
