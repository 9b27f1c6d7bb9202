namespace ChatKit.Server;

/// <summary>The thread lock held by one turn, released exactly once by whichever side finishes with it.</summary>
internal sealed class TurnLease(IAsyncDisposable? held, string requestType, long startedTimestamp)
{
    private IAsyncDisposable? _held = held;

    /// <summary>The request's type, for the duration metric recorded when the stream ends.</summary>
    public string RequestType { get; } = requestType;

    /// <summary>When the request arrived (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    public long StartedTimestamp { get; } = startedTimestamp;

    /// <summary>Set when the turn's stream starts running; from then on the stream releases the lock.</summary>
    public bool Started { get; set; }

    public ValueTask ReleaseAsync() =>
        Interlocked.Exchange(ref _held, null) is { } held ? held.DisposeAsync() : ValueTask.CompletedTask;
}
