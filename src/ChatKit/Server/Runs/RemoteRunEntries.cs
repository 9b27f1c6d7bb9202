using System.Runtime.CompilerServices;
using ChatKit.Stores;
using Microsoft.Extensions.Logging;

namespace ChatKit.Server;

/// <summary>
/// The events of a run of another host, read through the store's run exchange, for a <see cref="RunFollower"/>: the
/// same events and cursors a follower on the running host gets (docs/protocol.md §16.5), then the end of the stream
/// when the run ends. A run whose host died (its lease lapsed) is closed with the interrupted-reply notice, which every
/// follower gets as the run's last event. A follower that cannot read the exchange (the database is down) retries a
/// few times, then sends a retryable <c>error</c> event and ends: the stream never hangs nor is cut mid-frame, and
/// the client resumes from its last cursor.
/// </summary>
internal static class RemoteRunEntries
{
    /// <summary>How often a follower re-reads without a wake-up: a lost notification only delays it this much.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    // How many times a follower of a dead run looks for its closing (about a second apart) before it ends without it.
    private const int MaxCloseAttempts = 5;

    // How many reads in a row may fail (about a Poll apart) before the follow ends with an error event.
    private const int MaxReadFailures = 3;

    public static async IAsyncEnumerable<(long Seq, ReadOnlyMemory<byte> Json)> ReadAsync<TContext>(
        IRunExchange<TContext> exchange,
        string runId,
        long after,
        Func<CancellationToken, Task<IReadOnlyList<ThreadStreamEvent>>> closeAbandoned,
        ILogger logger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var watch = exchange.Watch(runId);
        var position = after;
        IReadOnlyList<ThreadStreamEvent>? notice = null;
        var closeAttempts = 0;
        var readFailures = 0;
        while (true)
        {
            // Taken before reading, so an append right after the read still wakes this follower.
            var changed = watch.Changed;
            RunEvents read;
            try
            {
                read = await exchange.ReadAsync(runId, position, cancellationToken).ConfigureAwait(false);
                readFailures = 0;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reading the run {RunId} from the run exchange failed (attempt {Attempt}).", runId, readFailures + 1);
                if (++readFailures < MaxReadFailures)
                {
                    await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                read = null!;
            }

            if (readFailures >= MaxReadFailures)
            {
                yield return (0, RunJournal.SerializeApart(new ErrorEvent { Code = ErrorEvent.StreamErrorCode, AllowRetry = true }));
                yield break;
            }

            foreach (var batch in read.Batches)
            {
                for (var i = 0; i < batch.Events.Count; i++)
                {
                    // A batch retried after an uncertain failure may overlap the one before: cursors keep it exact.
                    var seq = batch.SeqOf(i);
                    if (batch.ReplacesEarlier || seq > position)
                    {
                        yield return (seq, batch.Events[i]);
                    }
                }

                position = Math.Max(position, batch.LastSeq);
            }

            // A page of a long run: the rest is read at once, before the run's state counts.
            if (read.HasMore)
            {
                continue;
            }

            if (read.IsEnded)
            {
                yield break;
            }

            if (!read.IsLive)
            {
                // Its host died. The closer publishes the notice as the run's last events, so this follower reads it
                // next whoever closes the run (it, another follower, a load, a turn). Were that publish lost, the
                // notice this follower wrote is sent as it is; a run nobody closes ends the follow after a few tries.
                if (notice is not null || ++closeAttempts > MaxCloseAttempts)
                {
                    foreach (var e in notice ?? [])
                    {
                        yield return (0, RunJournal.SerializeApart(e));
                    }

                    yield break;
                }

                var written = await closeAbandoned(cancellationToken).ConfigureAwait(false);
                if (written.Count > 0)
                {
                    notice = written;
                }
                else
                {
                    await Task.WhenAny(changed, Task.Delay(Poll, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                continue;
            }

            if (read.Batches.Count == 0)
            {
                await Task.WhenAny(changed, Task.Delay(Poll, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
