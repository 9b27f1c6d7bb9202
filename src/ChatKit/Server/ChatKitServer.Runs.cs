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

    // The turn is driven by the thread pool, not by a connection: followers only read its journal.
    private void StartRun(TurnRun run, IAsyncEnumerable<ThreadStreamEvent> events) =>
        _ = Task.Run(() => DriveRunAsync(run, events));

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
        }
        catch (Exception e)
        {
            // The pipeline turns handler and store failures into error events; this is a failure of the run itself.
            Logger.LogError(e, "The run {RunId} of thread {ThreadId} failed.", run.Id, run.ThreadId);
        }
        finally
        {
            run.MarkEnded();
            _runs.Ended(run);
        }
    }

    private async Task<StreamingResult> FollowRunAsync(ResumeRunParams p, TContext context, CancellationToken ct)
    {
        // Loading the thread enforces ownership: another user's thread is a 404, whether or not it runs.
        var thread = await Store.LoadThreadAsync(p.ThreadId, context, ct).ConfigureAwait(false);
        var run = _runs.Find(thread.Id)
            ?? throw new ChatKitConflictException($"Thread '{thread.Id}' has no running turn to resume; load its items instead.");
        return new StreamingResult(new RunFollower(run, RunCursor.Parse(p.After, run)));
    }

    private async Task StopRunAsync(string threadId, TContext context, CancellationToken ct)
    {
        var thread = await Store.LoadThreadAsync(threadId, context, ct).ConfigureAwait(false);
        if (_runs.Find(thread.Id) is not { IsRunning: true } run)
        {
            throw new ChatKitConflictException($"Thread '{thread.Id}' has no running turn to stop.");
        }

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
    private async Task CloseAbandonedRunAsync(string threadId, TContext context, CancellationToken ct)
    {
        var thread = await Store.LoadThreadAsync(threadId, context, ct).ConfigureAwait(false);
        if (!RunMarker.IsSet(thread) || _runs.Find(thread.Id) is { IsRunning: true })
        {
            return;
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
        RunMarker.Clear(thread);
        await Store.SaveThreadAsync(thread, context, ct).ConfigureAwait(false);
    }
}
