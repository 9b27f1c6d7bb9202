using ChatKit.Stores;
using Microsoft.Extensions.Logging;

namespace ChatKit.Server;

/// <summary>
/// Copies a run's journal to the store's run exchange in batches, so that other hosts can follow it
/// (docs/scale-out.md, Runs). It is one more reader of the journal: the turn never waits for it. Events that arrive
/// within <see cref="Window"/> of each other share a batch (up to <see cref="MaxBatchBytes"/>); when the publisher
/// fell so far behind that the journal dropped events it had not published, the journal hands it the run's current
/// state, which it publishes as a batch that replaces the earlier ones. A failed publish is logged and retried with
/// the next batch: the journal keeps the events, or their state.
/// </summary>
internal static class RunPublisher
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(30);
    public const int MaxBatchBytes = 64 * 1024;

    // A run that ended but cannot be published stops being retried after this many attempts: its lease then lapses
    // and the other hosts treat it as abandoned.
    private const int MaxEndAttempts = 8;

    public static async Task PublishAsync<TContext>(TurnRun run, IRunExchange<TContext> exchange, TContext context, ILogger logger)
    {
        var entries = new List<(long Seq, byte[] Json)>();
        long position = 0;
        var failures = 0;
        while (true)
        {
            entries.Clear();
            var (next, completed, changed) = run.Journal.Read(position, entries);
            if (next == position && !completed)
            {
                await changed.ConfigureAwait(false);

                // Whatever else arrives meanwhile goes in the same batch (one row and one notification).
                await Task.Delay(Window).ConfigureAwait(false);
                continue;
            }

            try
            {
                await PublishEntriesAsync(run, exchange, context, entries, position, next, completed).ConfigureAwait(false);
                position = next;
                failures = 0;
                if (completed)
                {
                    return;
                }
            }
            catch (ObjectDisposedException e)
            {
                // The store shuts down with the host: nothing more can be published, so retrying only logs noise.
                // The run's lease lapses and the other hosts close it as the run of a host that stopped.
                logger.LogInformation(e, "The run exchange was disposed; the run {RunId} is no longer published.", run.Id);
                return;
            }
            catch (Exception e)
            {
                failures++;
                if (failures == 1 || completed)
                {
                    logger.LogWarning(e, "Publishing the run {RunId} of thread {ThreadId} for other hosts failed (attempt {Attempt}); retrying with its next batch.", run.Id, run.ThreadId, failures);
                }

                if (completed && failures >= MaxEndAttempts)
                {
                    logger.LogError("Gave up publishing the end of run {RunId}; other hosts will see it abandoned once its lease lapses.", run.Id);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 50 << Math.Min(failures, 6)))).ConfigureAwait(false);
            }
        }
    }

    private static async Task PublishEntriesAsync<TContext>(
        TurnRun run, IRunExchange<TContext> exchange, TContext context, List<(long Seq, byte[] Json)> entries, long position, long next, bool completed)
    {
        var threadId = run.ThreadId!;
        var outcome = completed ? run.Outcome : null;

        // The journal's current state instead of events: it replaces what was published before, as one batch.
        if (entries.Count == 0 ? next > position : entries[0].Seq != position + 1)
        {
            var state = new List<ReadOnlyMemory<byte>>(entries.Count);
            foreach (var (_, json) in entries)
            {
                state.Add(json);
            }

            await exchange.AppendAsync(run.Id, threadId, context, new RunEventBatch { LastSeq = next, Events = state, ReplacesEarlier = true, Outcome = outcome }).ConfigureAwait(false);
            return;
        }

        var start = 0;
        do
        {
            var events = new List<ReadOnlyMemory<byte>>();
            var bytes = 0;
            var end = start;
            while (end < entries.Count && (events.Count == 0 || bytes + entries[end].Json.Length <= MaxBatchBytes))
            {
                events.Add(entries[end].Json);
                bytes += entries[end].Json.Length;
                end++;
            }

            var last = end == entries.Count;
            await exchange.AppendAsync(run.Id, threadId, context, new RunEventBatch
            {
                LastSeq = events.Count == 0 ? next : entries[end - 1].Seq,
                Events = events,
                Outcome = last ? outcome : null,
            }).ConfigureAwait(false);
            start = end;
        }
        while (start < entries.Count);
    }
}
