namespace ChatKit.Server;

/// <summary>The thread lock held by one turn, released exactly once by whichever side finishes with it.</summary>
internal sealed class TurnLease(IAsyncDisposable? held)
{
    private IAsyncDisposable? _held = held;

    /// <summary>Set when the turn's stream starts running; from then on the stream releases the lock.</summary>
    public bool Started { get; set; }

    public ValueTask ReleaseAsync() =>
        Interlocked.Exchange(ref _held, null) is { } held ? held.DisposeAsync() : ValueTask.CompletedTask;
}
