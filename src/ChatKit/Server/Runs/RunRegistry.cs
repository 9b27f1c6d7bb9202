using System.Collections.Concurrent;

namespace ChatKit.Server;

/// <summary>
/// The runs of this process by thread: the running one, or the last one during its grace period, after which its
/// journal is dropped.
/// </summary>
internal sealed class RunRegistry(TimeSpan gracePeriod, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, TurnRun> _byThread = new(StringComparer.Ordinal);

    public int Count => _byThread.Count;

    public void Register(TurnRun run) => _byThread[run.ThreadId!] = run;

    public TurnRun? Find(string threadId) => _byThread.TryGetValue(threadId, out var run) ? run : null;

    /// <summary>The runs of this process that are still going.</summary>
    public List<TurnRun> Running() => _byThread.Values.Where(r => r.IsRunning).ToList();

    /// <summary>A run of this process by its id (a stop request from another host names the run only).</summary>
    public TurnRun? FindById(string runId)
    {
        foreach (var run in _byThread.Values)
        {
            if (run.Id == runId)
            {
                return run;
            }
        }

        return null;
    }

    /// <summary>Keeps an ended run for late re-attaches, then drops it (unless a newer run replaced it already).</summary>
    public void Ended(TurnRun run)
    {
        if (run.ThreadId is null)
        {
            run.Dispose();
            return;
        }

        _ = DropLaterAsync(run);
    }

    private async Task DropLaterAsync(TurnRun run)
    {
        if (gracePeriod > TimeSpan.Zero)
        {
            await Task.Delay(gracePeriod, timeProvider).ConfigureAwait(false);
        }

        _byThread.TryRemove(new KeyValuePair<string, TurnRun>(run.ThreadId!, run));

        // Followers still reading hold the journal; its buffers go with the last reference. Only the token is freed.
        run.Dispose();
    }
}
