namespace ChatKit.Blazor;

/// <summary>Detail of <c>chatkit.thread.change</c>, <c>chatkit.thread.load.start</c> and <c>chatkit.thread.load.end</c>.</summary>
/// <param name="ThreadId">The thread; <see langword="null"/> for a new, not yet created thread.</param>
public sealed record ChatKitThreadEventArgs(string? ThreadId);
