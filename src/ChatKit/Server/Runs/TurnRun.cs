using System.Diagnostics;

namespace ChatKit.Server;

/// <summary>
/// A turn started by a client that can resume (docs/protocol.md §16): it runs apart from the request that started it,
/// journals its events for any number of followers, and ends on its own, by <c>threads.stop_run</c>, or on failure.
/// </summary>
internal sealed class TurnRun(int journalMaxBytes) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _deltasSinceCheckpoint;
    private long _lastCheckpoint = Stopwatch.GetTimestamp();

    /// <summary>The run's id (<c>run_…</c>), the first part of its cursors.</summary>
    public string Id { get; } = "run_" + Guid.NewGuid().ToString("N");

    /// <summary>The thread, known once the turn starts (a new thread gets its id then).</summary>
    public string? ThreadId { get; set; }

    public RunJournal Journal { get; } = new(journalMaxBytes);

    /// <summary>Cancelled by <c>threads.stop_run</c>; the turn's handler and store calls run under it.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Completes when the run has ended and its clean-up (after a stop) is done.</summary>
    public Task Ended => _ended.Task;

    public bool IsRunning => !_ended.Task.IsCompleted;

    /// <summary>Completes when the run's events, end included, are published to the run exchange (at once without one).</summary>
    public Task Published { get; set; } = Task.CompletedTask;

    /// <summary>How the run ended (<c>completed</c>, <c>stopped</c>, <c>failed</c>), set before it is marked ended.</summary>
    public string Outcome { get; set; } = "completed";

    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already ended.
        }
    }

    public void MarkEnded()
    {
        Journal.Complete();
        _ended.TrySetResult();
    }

    /// <summary>Counts one text delta; true when the partial output should be saved now.</summary>
    public bool CheckpointDue(int everyDeltas, TimeSpan interval)
    {
        if (++_deltasSinceCheckpoint < everyDeltas && Stopwatch.GetElapsedTime(_lastCheckpoint) < interval)
        {
            return false;
        }

        _deltasSinceCheckpoint = 0;
        _lastCheckpoint = Stopwatch.GetTimestamp();
        return true;
    }

    public void Dispose()
    {
        _stop.Dispose();
        Journal.Dispose();
    }
}
