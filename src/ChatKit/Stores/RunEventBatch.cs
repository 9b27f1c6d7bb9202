namespace ChatKit.Stores;

/// <summary>
/// Consecutive events of a run, as published by the host running it (<see cref="IRunExchange{TContext}"/>): each
/// event is the UTF-8 JSON of a stream event (never containing a raw newline), numbered as the run's cursors
/// (docs/protocol.md §16.2).
/// </summary>
public sealed class RunEventBatch
{
    /// <summary>The cursor of the batch's last event (the run's newest when it was published).</summary>
    public required long LastSeq { get; init; }

    /// <summary>
    /// The events. In an ordinary batch they are numbered <c>LastSeq - Count + 1</c> to <see cref="LastSeq"/>. In a
    /// batch that <see cref="ReplacesEarlier"/>, they are the run's current state (docs/protocol.md §16.5) and only
    /// the last one carries a cursor, <see cref="LastSeq"/>.
    /// </summary>
    public required IReadOnlyList<ReadOnlyMemory<byte>> Events { get; init; }

    /// <summary>
    /// Whether this batch is the run's current state, replacing every batch before it: published when the publisher
    /// fell behind the journal and the events it had not published were already dropped.
    /// </summary>
    public bool ReplacesEarlier { get; init; }

    /// <summary>
    /// Set on the run's last batch: how it ended (<c>completed</c>, <c>stopped</c>, <c>failed</c>); null while it runs.
    /// </summary>
    public string? Outcome { get; init; }

    /// <summary>The cursor of event <paramref name="index"/> of <see cref="Events"/>, or 0 for an event without one.</summary>
    public long SeqOf(int index)
    {
        if (ReplacesEarlier)
        {
            return index == Events.Count - 1 ? LastSeq : 0;
        }

        return LastSeq - Events.Count + 1 + index;
    }
}
