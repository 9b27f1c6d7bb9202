namespace ChatKit.Server;

/// <summary>How a turn's stream ended, for <see cref="ChatKitMetrics"/>.</summary>
public enum TurnOutcome
{
    /// <summary>The stream ran to its end.</summary>
    Completed,

    /// <summary>The stream ended with an error event.</summary>
    Failed,

    /// <summary>The stream stopped early: the client went away or pressed stop.</summary>
    Cancelled,
}
