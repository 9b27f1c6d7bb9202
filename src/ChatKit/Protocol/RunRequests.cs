namespace ChatKit;

/// <summary>
/// Stops the running turn of a thread (our extension, docs/protocol.md §16): a client that declared it can resume
/// (<c>ChatKit-Resumable: 1</c>) sends this instead of closing its connection, which no longer stops anything.
/// </summary>
public sealed class ThreadsStopRunRequest() : JsonRequest<ThreadIdParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.stop_run";
}

/// <summary>
/// Follows the running turn of a thread (our extension, docs/protocol.md §16): its events after <c>after</c>, then
/// live to the end (streams).
/// </summary>
public sealed class ThreadsResumeRunRequest() : StreamingRequest<ResumeRunParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.resume_run";
}

/// <summary>Parameters of <c>threads.resume_run</c>.</summary>
public sealed class ResumeRunParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>
    /// The SSE <c>id</c> of the last event the client has; null (or omitted) to receive the run from its start.
    /// </summary>
    public string? After { get; init; }
}
