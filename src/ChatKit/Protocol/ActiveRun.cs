namespace ChatKit;

/// <summary>
/// The running turn of a thread, as <c>threads.get_by_id</c> reports it (our extension, docs/protocol.md §16.4): a
/// client that loads the thread follows it with <c>threads.resume_run</c>.
/// </summary>
public sealed class ActiveRun
{
    /// <summary>The run's id (<c>run_…</c>).</summary>
    public required string Id { get; init; }
}
