namespace ChatKit.Server;

/// <summary>
/// What one turn holds (its user's turn slot, then its thread's locks), released exactly once, newest first, by
/// whichever side finishes with it.
/// </summary>
internal sealed class TurnLease(List<IAsyncDisposable> held, string requestType, long startedTimestamp)
{
    private List<IAsyncDisposable>? _held = held;

    /// <summary>The request's type, for the duration metric recorded when the stream ends.</summary>
    public string RequestType { get; } = requestType;

    /// <summary>When the request arrived (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    public long StartedTimestamp { get; } = startedTimestamp;

    /// <summary>The run this turn is, for a client that can resume; null when the turn lives in its request.</summary>
    public TurnRun? Run { get; init; }

    /// <summary>Set when the turn's stream starts running; from then on the stream releases the lock.</summary>
    public bool Started { get; set; }

    /// <summary>Holds one more lock until the lease is released (a new thread's, known only once its id is made).</summary>
    public void Hold(IAsyncDisposable handle) =>
        (_held ?? throw new InvalidOperationException("The lease was already released.")).Add(handle);

    public async ValueTask ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _held, null) is not { } held)
        {
            return;
        }

        await HeldLocks.ReleaseAsync(held).ConfigureAwait(false);
    }
}
