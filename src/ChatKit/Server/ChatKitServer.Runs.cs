using ChatKit.Stores;
using Microsoft.Extensions.Logging;

namespace ChatKit.Server;

// Runs (docs/protocol.md §16): a resumable client's turn runs apart from its request, journals its events, and is
// followed (threads.resume_run) or stopped (threads.stop_run) by thread.
public abstract partial class ChatKitServer<TContext>
{
    /// <summary>
    /// The number of runs this process holds: running ones, and ended ones whose journal is still kept for late
    /// re-attaches (<see cref="ChatKitServerOptions.RunGracePeriod"/>).
    /// </summary>
    public int HeldRunCount => _runs.Count;

    /// <summary>The bytes of events the journal of <paramref name="threadId"/>'s current or last run holds, or null without one.</summary>
    public long? RunJournalBytes(string threadId) => _runs.Find(threadId)?.Journal.RetainedBytes;

    // How long closing an abandoned run on a load or a follow waits for the thread's locks: a turn holding them
    // closes the run itself (PrepareLockedStreamAsync), so there is no point queueing behind it.
    private static readonly TimeSpan AbandonedRunLockWait = TimeSpan.FromMilliseconds(250);

    // How long a follower on another host waits for a cursor that is ahead of what the running host has published:
    // the client may have received events from the running host a batch window before the exchange had them.
    private static readonly TimeSpan PublishedCursorWait = TimeSpan.FromSeconds(2);

    // The turn is driven by the thread pool, not by a connection: followers only read its journal. With a run
    // exchange, the journal is also published for the followers of other hosts.
    private void StartRun(TurnRun run, IAsyncEnumerable<ThreadStreamEvent> events, TContext context)
    {
        _ = Task.Run(() => DriveRunAsync(run, events));
        if (_runExchange is { } exchange)
        {
            run.Published = Task.Run(() => RunPublisher.PublishAsync(run, exchange, context, Logger));
            _ = ForgetLaterAsync(run, exchange);
        }
    }

    private async Task ForgetLaterAsync(TurnRun run, IRunExchange<TContext> exchange)
    {
        await run.Published.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Other hosts may follow an ended run during its grace period, as this one does (RunRegistry).
        try
        {
            if (Options.RunGracePeriod > TimeSpan.Zero)
            {
                await Task.Delay(Options.RunGracePeriod, TimeProvider).ConfigureAwait(false);
            }

            await exchange.ForgetAsync(run.Id).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Forgetting the ended run {RunId} in the run exchange failed.", run.Id);
        }
    }

    private async Task DriveRunAsync(TurnRun run, IAsyncEnumerable<ThreadStreamEvent> events)
    {
        try
        {
            await foreach (var e in events.WithCancellation(run.Token).ConfigureAwait(false))
            {
                run.Journal.Append(e);
            }
        }
        catch (OperationCanceledException) when (run.Token.IsCancellationRequested)
        {
            // Stopped: the turn already ran the cancellation clean-up, as for a disconnect.
            run.Outcome = "stopped";
        }
        catch (Exception e)
        {
            run.Outcome = "failed";
            // The pipeline turns handler and store failures into error events; this is a failure of the run itself.
            Logger.LogError(e, "The run {RunId} of thread {ThreadId} failed.", run.Id, run.ThreadId);
        }
        finally
        {
            run.MarkEnded();
            _runs.Ended(run);
        }
    }

    /// <summary>
    /// Lets this process's runs end before it stops (docs/protocol.md §16.8): waits up to <paramref name="drainTimeout"/>
    /// (or until <paramref name="cancellationToken"/> is cancelled) for every running run to end on its own, then stops
    /// the ones still going as <c>threads.stop_run</c> does (partial reply and cancellation note stored, the end
    /// published, so their followers, here and on other hosts, end at once instead of after a lease) and waits for
    /// their clean-up, bounded by <see cref="ChatKitServerOptions.CancellationCleanupTimeout"/>. Returns the number of
    /// runs it had to stop. ASP.NET Core hosting calls it when the application stops.
    /// </summary>
    public async Task<int> DrainRunsAsync(TimeSpan drainTimeout, CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<TurnRun>();
        List<TurnRun> left = [];
        using (var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            drain.CancelAfter(drainTimeout);
            try
            {
                // A run started meanwhile is waited for too: the loop ends when none is left.
                while (_runs.Running() is { Count: > 0 } running)
                {
                    seen.UnionWith(running);
                    await Task.WhenAll(running.Select(r => r.Ended)).WaitAsync(drain.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (drain.IsCancellationRequested)
            {
                // Out of time: stop what is left.
                left = _runs.Running();
            }
        }

        foreach (var run in left)
        {
            Logger.LogInformation("Stopping the run {RunId} of thread {ThreadId}: the application is stopping.", run.Id, run.ThreadId);
            seen.Add(run);
            run.Stop();
        }

        // Their ends must reach the other hosts before the store goes with the application.
        try
        {
            await Task.WhenAll(seen.Select(r => Task.WhenAll(r.Ended, r.Published)))
                .WaitAsync(Options.CancellationCleanupTimeout, TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Logger.LogWarning("{Count} runs did not end within the clean-up timeout while the application stopped.", left.Count(r => r.IsRunning));
        }

        return left.Count;
    }

    private async Task<StreamingResult> FollowRunAsync(ResumeRunParams p, TContext context, CancellationToken ct)
    {
        // Loading the thread enforces ownership: another user's thread is a 404, whether or not it runs.
        var thread = await Store.LoadThreadAsync(p.ThreadId, context, ct).ConfigureAwait(false);
        var run = _runs.Find(thread.Id);
        if (run is { IsRunning: true } || (run is not null && _runExchange is null))
        {
            return new StreamingResult(new RunFollower(run, RunCursor.Parse(p.After, run)));
        }

        // This host's run of the thread ended: a newer one may be running on another host.
        if (_runExchange is { } exchange && await exchange.FindRunAsync(thread.Id, context, ct).ConfigureAwait(false) is { } remote && remote.Id != run?.Id)
        {
            var after = RunCursor.Parse(p.After, remote.Id);
            await WaitForPublishedAsync(exchange, thread.Id, remote, after, context, ct).ConfigureAwait(false);
            var threadId = thread.Id;
            return new StreamingResult(new RunFollower(
                remote.Id,
                followCt => RemoteRunEntries.ReadAsync(exchange, remote.Id, after, closeCt => TryCloseAbandonedRunAsync(threadId, context, closeCt), Logger, followCt)));
        }

        if (run is not null)
        {
            return new StreamingResult(new RunFollower(run, RunCursor.Parse(p.After, run)));
        }

        throw new ChatKitConflictException($"Thread '{thread.Id}' has no running turn to resume; load its items instead.");
    }

    // A cursor ahead of what the running host published may be one the client got from that host a moment ago.
    private static async Task WaitForPublishedAsync(IRunExchange<TContext> exchange, string threadId, RunStatus remote, long after, TContext context, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (after > remote.LastSeq)
        {
            if (remote.IsEnded || !remote.IsLive || waited.Elapsed > PublishedCursorWait)
            {
                throw RunCursor.Ahead();
            }

            await Task.Delay(RunPublisher.Window, ct).ConfigureAwait(false);
            remote = await exchange.FindRunAsync(threadId, context, ct).ConfigureAwait(false) is { } newer && newer.Id == remote.Id
                ? newer
                : throw RunCursor.Ahead();
        }
    }

    private async Task StopRunAsync(string threadId, TContext context, CancellationToken ct)
    {
        var thread = await Store.LoadThreadAsync(threadId, context, ct).ConfigureAwait(false);
        if (!await TryStopRunAsync(thread, context, ct).ConfigureAwait(false))
        {
            throw new ChatKitConflictException($"Thread '{thread.Id}' has no running turn to stop.");
        }
    }

    // Stops the thread's run, here or on another host, and waits (bounded) for its clean-up. False when it has none.
    private async Task<bool> TryStopRunAsync(ThreadMetadata thread, TContext context, CancellationToken ct)
    {
        if (_runs.Find(thread.Id) is { IsRunning: true } run)
        {
            run.Stop();

            // Answer once the clean-up has saved the partial reply, so the client's next load shows it.
            try
            {
                await run.Ended.WaitAsync(Options.CancellationCleanupTimeout, TimeProvider, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Logger.LogWarning("The run {RunId} of thread {ThreadId} did not end within the clean-up timeout after a stop.", run.Id, thread.Id);
            }

            return true;
        }

        if (_runExchange is { } exchange && await exchange.FindRunAsync(thread.Id, context, ct).ConfigureAwait(false) is { IsLive: true } remote)
        {
            await StopRemoteRunAsync(exchange, remote.Id, thread.Id, ct).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    // The host running the run stops it when it hears the request; its end is published after the clean-up, so
    // waiting for it gives the same answer as a local stop. The request is repeated in case one was not heard.
    private async Task StopRemoteRunAsync(IRunExchange<TContext> exchange, string runId, string threadId, CancellationToken ct)
    {
        using var watch = exchange.Watch(runId);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < Options.CancellationCleanupTimeout)
        {
            var changed = watch.Changed;
            await exchange.RequestStopAsync(runId, ct).ConfigureAwait(false);
            var state = await exchange.ReadAsync(runId, long.MaxValue, ct).ConfigureAwait(false);
            if (state.IsEnded || !state.IsLive)
            {
                return;
            }

            await Task.WhenAny(changed, Task.Delay(RemoteRunEntries.Poll, ct)).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
        }

        Logger.LogWarning("The run {RunId} of thread {ThreadId} did not end within the clean-up timeout after a stop.", runId, threadId);
    }

    // Uncontended (nobody knows the id yet), and released with the rest of the lease.
    private Task HoldNewThreadLocksAsync(TurnLease lease, string threadId, TContext context, CancellationToken ct) =>
        AcquireThreadLocksAsync(UserIdOf(context), threadId, lease.Hold, ct);

    /// <summary>
    /// The thread's running turn for <c>active_run</c>: this process's, or another host's through the run exchange.
    /// A run mark with no live run behind it is an abandoned run, closed here so the items loaded next show it.
    /// </summary>
    private async ValueTask<ActiveRun?> ActiveRunAsync(ThreadMetadata thread, TContext context, CancellationToken ct)
    {
        if (_runs.Find(thread.Id) is { IsRunning: true } run)
        {
            return new ActiveRun { Id = run.Id };
        }

        // The mark is in the thread already loaded: threads without it cost nothing more.
        if (!RunMarker.IsSet(thread))
        {
            return null;
        }

        if (_runExchange is { } exchange)
        {
            RunStatus? remote;
            try
            {
                remote = await exchange.FindRunAsync(thread.Id, context, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The load answers without active_run; the run is not closed, since it may well be alive.
                Logger.LogWarning(e, "Looking up the run of thread {ThreadId} in the run exchange failed.", thread.Id);
                return null;
            }

            if (remote is { IsLive: true })
            {
                return new ActiveRun { Id = remote.Id };
            }
        }

        // Without an exchange the store has one process, this one: a mark without a local run is dead.
        await TryCloseAbandonedRunAsync(thread.Id, context, ct).ConfigureAwait(false);
        return null;
    }

    // Closes an abandoned run outside a turn (a load, a follower): only with the thread's locks, taken without
    // queueing; a turn that holds them closes it itself. Returns the events that show the notice (none if not closed).
    private async Task<IReadOnlyList<ThreadStreamEvent>> TryCloseAbandonedRunAsync(string threadId, TContext context, CancellationToken ct)
    {
        var userId = UserIdOf(context);
        var held = new List<IAsyncDisposable>(2);
        try
        {
            using (var quick = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                quick.CancelAfter(AbandonedRunLockWait);
                try
                {
                    await AcquireThreadLocksAsync(userId, threadId, held.Add, quick.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ChatKitConflictException or ChatKitTooManyRequestsException
                    || (e is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    return [];
                }
            }

            return await CloseAbandonedRunAsync(threadId, context, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not ChatKitNotFoundException)
        {
            // The load or the follow goes on without the notice; the next turn on the thread writes it.
            Logger.LogWarning(e, "Closing the abandoned run of thread {ThreadId} failed.", threadId);
            return [];
        }
        finally
        {
            await HeldLocks.ReleaseAsync(held).ConfigureAwait(false);
        }
    }

    // Saves the open items as they stand, so a host that dies mid-reply leaves the reply up to here in the thread.
    // A failed checkpoint does not end the turn: the next one, or the item's own completion, saves it.
    private async ValueTask CheckpointAsync(ThreadMetadata thread, PendingItems pending, TContext context, CancellationToken ct)
    {
        try
        {
            foreach (var item in pending.Items)
            {
                if (item is AssistantMessageItem message && message.Content.Any(c => !string.IsNullOrWhiteSpace(c.Text)))
                {
                    await Store.SaveItemAsync(thread.Id, ChatKitJsonClone(message), context, ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Logger.LogWarning(e, "Checkpointing the reply of thread {ThreadId} failed.", thread.Id);
        }
    }

    // The pending copy keeps changing; the store may keep the object it is given.
    private static ThreadItem ChatKitJsonClone(AssistantMessageItem message) => Json.ChatKitJson.Clone<ThreadItem>(message);

    /// <summary>The title of the notice left in a thread whose reply was cut because the host running it stopped.</summary>
    public const string InterruptedRunNotice = "This reply was interrupted: the server writing it stopped.";

    // The run ended on this host: its mark goes, with a fresh token (the run's may be cancelled), bounded in time.
    private async Task UnmarkRunAsync(ThreadMetadata thread, TContext context)
    {
        using var timeout = new CancellationTokenSource(Options.CancellationCleanupTimeout, TimeProvider);
        try
        {
            var stored = await Store.LoadThreadAsync(thread.Id, context, timeout.Token).ConfigureAwait(false);
            if (RunMarker.Clear(stored))
            {
                await Store.SaveThreadAsync(stored, context, timeout.Token).ConfigureAwait(false);
            }

            RunMarker.Clear(thread);
        }
        catch (ChatKitNotFoundException)
        {
            // The thread was deleted meanwhile.
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Clearing the run mark of thread {ThreadId} failed.", thread.Id);
        }
    }

    // Called with the thread's locks held, so no turn runs on it anywhere: a run mark left in it is from a host that
    // died mid-run. The reply is kept as far as its last checkpoint; a visible notice says it was cut, and the hidden
    // cancellation note tells the model, as after a stop.
    // Returns the events that show the notice to a follower (none when there was nothing to close).
    private async Task<IReadOnlyList<ThreadStreamEvent>> CloseAbandonedRunAsync(string threadId, TContext context, CancellationToken ct)
    {
        var thread = await Store.LoadThreadAsync(threadId, context, ct).ConfigureAwait(false);
        if (!RunMarker.IsSet(thread) || _runs.Find(thread.Id) is { IsRunning: true })
        {
            return [];
        }

        Logger.LogWarning("Closing the abandoned run of thread {ThreadId}: the host running it stopped.", thread.Id);
        var notice = new TaskItem
        {
            Id = Store.GenerateItemId(StoreItemKind.Task, thread, context),
            ThreadId = thread.Id,
            CreatedAt = Now,
            Task = new CustomTask { Title = InterruptedRunNotice, Icon = IconName.Info },
        };
        await Store.AddThreadItemAsync(thread.Id, notice, context, ct).ConfigureAwait(false);
        await Store.AddThreadItemAsync(thread.Id, new SdkHiddenContextItem
        {
            Id = Store.GenerateItemId(StoreItemKind.SdkHiddenContext, thread, context),
            ThreadId = thread.Id,
            CreatedAt = Now,
            Content = CancelledStreamNotice,
        }, context, ct).ConfigureAwait(false);
        var runId = RunMarker.RunIdOf(thread);
        RunMarker.Clear(thread);
        await Store.SaveThreadAsync(thread, context, ct).ConfigureAwait(false);

        // Every follower on every host shows the notice and ends, and no host reports the run any more.
        var shown = new ThreadItemDoneEvent { Item = notice };
        if (_runExchange is { } exchange && runId is not null)
        {
            try
            {
                await exchange.EndAbandonedAsync(runId, [RunJournal.SerializeApart(shown)], ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogWarning(e, "Ending the abandoned run {RunId} in the run exchange failed.", runId);
            }
        }

        return [shown];
    }
}
