using System.Runtime.CompilerServices;
using ChatKit.Stores;

namespace ChatKit.Server;

/// <summary>
/// The events of a run of another host, read through the store's run exchange, for a <see cref="RunFollower"/>: the
/// same events and cursors a follower on the running host gets (docs/protocol.md §16.5), then the end of the stream
/// when the run ends. A run whose host died (its lease lapsed) is closed with the interrupted-reply notice, which is
/// sent as the stream's last event.
/// </summary>
internal static class RemoteRunEntries
{
    /// <summary>How often a follower re-reads without a wake-up: a lost notification only delays it this much.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async IAsyncEnumerable<(long Seq, ReadOnlyMemory<byte> Json)> ReadAsync<TContext>(
        IRunExchange<TContext> exchange,
        string runId,
        long after,
        Func<CancellationToken, Task<IReadOnlyList<ThreadStreamEvent>>> closeAbandoned,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var watch = exchange.Watch(runId);
        var position = after;
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
                foreach (var e in await closeAbandoned(cancellationToken).ConfigureAwait(false))
                {
                    yield return (0, RunJournal.SerializeApart(e));
                }

                yield break;
            }

            if (read.Batches.Count == 0)
            {
                await Task.WhenAny(changed, Task.Delay(Poll, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
