namespace ChatKit.Stores;

/// <summary>What <see cref="IRunExchange{TContext}.ReadAsync"/> found: the run's state, then its batches after the cursor.</summary>
public sealed class RunEvents
{
    /// <summary>The batches, in order.</summary>
    public required IReadOnlyList<RunEventBatch> Batches { get; init; }

    /// <summary>
    /// Whether the run had been ended by its host before the batches were read (so they are its last ones); an
    /// abandoned run is neither ended nor live.
    /// </summary>
    public required bool IsEnded { get; init; }

    /// <summary>Whether the run is going (not ended, lease alive).</summary>
    public required bool IsLive { get; init; }

    /// <summary>
    /// Whether more batches follow the ones returned (an implementation may page a long run's batches, so a reader
    /// never holds all of them at once): read again after the last one's cursor. <see cref="IsEnded"/> is then false.
    /// </summary>
    public bool HasMore { get; init; }
}
