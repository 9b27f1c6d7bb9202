namespace ChatKit.Stores;

/// <summary>A run as every host of an <see cref="IRunExchange{TContext}"/> sees it.</summary>
public sealed class RunStatus
{
    /// <summary>The run id (<c>run_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The cursor of the newest published event (0 before the first).</summary>
    public required long LastSeq { get; init; }

    /// <summary>Whether the run has ended (its last batch is published, or it was found abandoned).</summary>
    public required bool IsEnded { get; init; }

    /// <summary>Whether the run is going: not ended, and its host's lease is alive. Neither ended nor live: its host died.</summary>
    public required bool IsLive { get; init; }
}
