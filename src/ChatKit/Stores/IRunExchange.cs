namespace ChatKit.Stores;

/// <summary>
/// Shares the runs (docs/protocol.md §16) of the hosts of one store, so that a request about a run can land on any
/// host: <c>threads.get_by_id</c> reports <c>active_run</c>, <c>threads.resume_run</c> follows the run live and
/// <c>threads.stop_run</c> stops it. A store offers one through <see cref="IRunExchangeProvider{TContext}"/>; without
/// one, runs are seen by the process that runs them only, which is all a single-process store needs.
/// </summary>
/// <remarks>
/// <para>The host running a run publishes its events in batches (<see cref="AppendAsync"/>); other hosts read them
/// (<see cref="ReadAsync"/>), are woken when more come (<see cref="Watch"/>) and can ask the running host to stop it
/// (<see cref="RequestStopAsync"/>, delivered to <see cref="OnStopRequested"/> there).</para>
/// <para>An implementation must guarantee:</para>
/// <list type="bullet">
/// <item>Batches of a run are read whole, in the order they were appended; a batch that
/// <see cref="RunEventBatch.ReplacesEarlier"/> hides every earlier batch of the run at the moment it appears.</item>
/// <item>A run read as ended (<see cref="RunEvents.IsEnded"/>) comes with every batch appended before or with its end.</item>
/// <item>A running host keeps its runs' leases alive while the host lives; a run whose host stopped (crashed, lost the
/// store) for longer than the lease is reported as not live (<see cref="RunStatus.IsLive"/> false), measured on one
/// clock shared by every host (e.g. the database's), never on the hosts' own clocks.</item>
/// <item>Runs are scoped by user like the store's threads (another user's thread has no run), and go with their thread
/// when it is deleted; ended runs are forgotten some time after they end.</item>
/// <item><see cref="Watch"/> wakes readers soon after an append or an end; a lost wake-up only delays them, since the
/// server re-reads on a short poll. Stop requests are best effort: the server repeats them while it waits.</item>
/// <item>Publishing never blocks on readers, and readers take no lock a turn needs.</item>
/// </list>
/// </remarks>
/// <typeparam name="TContext">The per-request context (it scopes the runs by user, as the store's data).</typeparam>
public interface IRunExchange<in TContext>
{
    /// <summary>
    /// Publishes the next batch of the run <paramref name="runId"/> of <paramref name="threadId"/>, which runs on this
    /// host; the first batch makes the run known to the other hosts (its thread is stored by then), a batch with an
    /// <see cref="RunEventBatch.Outcome"/> ends it. Called by one writer per run, in order.
    /// </summary>
    ValueTask AppendAsync(string runId, string threadId, TContext context, RunEventBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The newest run of a thread of the context's user, or null when it has none (or it was forgotten).</summary>
    ValueTask<RunStatus?> FindRunAsync(string threadId, TContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// The batches of a run whose last event is after <paramref name="after"/>, in order, with the run's state read
    /// before them. A run that was forgotten reads as ended with no batches. An implementation may return only the
    /// first of them (<see cref="RunEvents.HasMore"/>), so that a reader of a long run never holds all of it.
    /// </summary>
    ValueTask<RunEvents> ReadAsync(string runId, long after, CancellationToken cancellationToken = default);

    /// <summary>Starts watching a run for appends and its end, until the watch is disposed.</summary>
    IRunWatch Watch(string runId);

    /// <summary>Asks the host running <paramref name="runId"/> to stop it (best effort; see the remarks).</summary>
    ValueTask RequestStopAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers what this host does when another host asks it to stop a run (the run id is passed; a run this host
    /// does not run is ignored). Dispose the result to unregister.
    /// </summary>
    IDisposable OnStopRequested(Action<string> stop);

    /// <summary>
    /// Ends a run whose host died, once its closer has written the interrupted-reply notice to the thread:
    /// <paramref name="notice"/> (stream events, UTF-8 JSON) is published as the run's last events, numbered after the
    /// last published one, so that every follower on every host shows it before its stream ends; the run then reads
    /// as ended (outcome <c>interrupted</c>). Does nothing to a run its host ended or another closer closed.
    /// </summary>
    ValueTask EndAbandonedAsync(string runId, IReadOnlyList<ReadOnlyMemory<byte>> notice, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets an ended run and its events: called by the host that ran it once its grace period is over (a host
    /// that died before doing so leaves it to the implementation's own clean-up).
    /// </summary>
    ValueTask ForgetAsync(string runId, CancellationToken cancellationToken = default);
}
