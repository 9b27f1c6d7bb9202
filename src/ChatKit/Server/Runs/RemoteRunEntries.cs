using System.Runtime.CompilerServices;
using ChatKit.Stores;

namespace ChatKit.Server;

/// <summary>
/// The events of a run of another host, read through the store's run exchange, for a <see cref="RunFollower"/>: the
/// same events and cursors a follower on the running host gets (docs/protocol.md §16.5), then the end of the stream
/// when the run ends. A run whose host died (its lease lapsed) is closed with the interrupted-reply notice, which every
/// follower gets as the run's last event.
/// </summary>
internal static class RemoteRunEntries
{
    /// <summary>How often a follower re-reads without a wake-up: a lost notification only delays it this much.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    // How many times a follower of a dead run looks for its closing (about a second apart) before it ends without it.
    private const int MaxCloseAttempts = 5;

    public static async IAsyncEnumerable<(long Seq, ReadOnlyMemory<byte> Json)> ReadAsync<TContext>(
        IRunExchange<TContext> exchange,
        string runId,
        long after,
        Func<CancellationToken, Task<IReadOnlyList<ThreadStreamEvent>>> closeAbandoned,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var watch = exchange.Watch(runId);
        var position = after;
        IReadOnlyList<ThreadStreamEvent>? notice = null;
        var closeAttempts = 0;
        while (true)
        {
            // Taken before reading, so an append right after the read still wakes this follower.
            var changed = watch.Changed;
            var read = await exchange.ReadAsync(runId, position, cancellationToken).ConfigureAwait(false);
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
