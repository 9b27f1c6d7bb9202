namespace ChatKit.Stores;

/// <summary>A run as every host of an <see cref="IRunExchange{TContext}"/> sees it.</summary>
public sealed class RunStatus
{
    /// <summary>The run id (<c>run_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The cursor of the newest published event (0 before the first).</summary>
    public required long LastSeq { get; init; }

    /// <summary>
    /// Whether the run was ended by its host (its last batch is published). A run found abandoned is neither ended
    /// nor live, so that whoever reads it next can close it in its thread.
    /// </summary>
    public required bool IsEnded { get; init; }

    /// <summary>Whether the run is going: not ended, and its host's lease is alive. Neither ended nor live: its host died.</summary>
    public required bool IsLive { get; init; }
}
