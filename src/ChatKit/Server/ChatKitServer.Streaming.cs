using System.Diagnostics;
using System.Runtime.CompilerServices;
using ChatKit.Stores;
using ChatKit.Widgets;
using Microsoft.Extensions.Logging;

namespace ChatKit.Server;

public abstract partial class ChatKitServer<TContext>
{
    // A turn holds a slot of its user and its thread's locks from validation to the end of its stream: the lease is
    // released when the stream ends or its enumerator is disposed, or when the result is disposed without being read.
    // Concurrent turns on one thread therefore never interleave. Ownership is checked before anything is held or
    // waited for, so another user's request on a busy thread is a 404 at once and never queues.
    private async Task<StreamingResult> PrepareLockedStreamAsync(ChatKitRequest request, TContext context, bool asRun, long started, CancellationToken ct)
    {
        if (request is ThreadsAddStructuredInputRequest { Params.Input.Status: StructuredInputStatus.Pending })
        {
            throw new ChatKitBadRequestException("A structured input submission's 'status' must be 'answered' or 'skipped'.");
        }

        var userId = UserIdOf(context);
        var threadId = request.ThreadId;
        var markedRun = false;
        if (threadId is not null)
        {
            markedRun = RunMarker.IsSet(await Store.LoadThreadAsync(threadId, context, ct).ConfigureAwait(false));
        }

        var held = new List<IAsyncDisposable>(3) { _userTurns.Enter(userId) };
        var run = asRun ? new TurnRun(Options.RunJournalMaxBytes) : null;
        var lease = new TurnLease(held, request.Type, started) { Run = run };
        try
        {
            if (threadId is not null)
            {
                await AcquireThreadLocksAsync(userId, threadId, held.Add, ct).ConfigureAwait(false);
            }

            if (markedRun)
            {
                // With the thread's locks held, a run still marked on it is running nowhere: its host died.
                await CloseAbandonedRunAsync(threadId!, context, ct).ConfigureAwait(false);
            }

            // A run's handler and store calls go on after the request is gone: they run under the run's own token.
            var events = await PrepareStreamAsync(request, lease, context, ct, run?.Token ?? ct).ConfigureAwait(false);
            if (run is null)
            {
                return new StreamingResult(events, lease);
            }

            StartRun(run, events, context);
            return new StreamingResult(new RunFollower(run, after: 0));
        }
        catch
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
            run?.Dispose();
            throw;
        }
    }

    // The thread's locks in their order: this process's, then the store's (other hosts'). Each is handed to `hold` as
    // soon as it is taken, so a failure on the second leaves the first with its owner to release.
    private async Task AcquireThreadLocksAsync(string userId, string threadId, Action<IAsyncDisposable> hold, CancellationToken ct)
    {
        hold(await _localLocks.AcquireThreadLockAsync(userId, threadId, ct).ConfigureAwait(false));
        if (_distributedLocks is not null)
        {
            hold(await _distributedLocks.AcquireThreadLockAsync(userId, threadId, ct).ConfigureAwait(false));
        }
    }

    // Everything that can be rejected is checked here, before the first byte of the stream: the reference cuts an
    // already-started 200 stream instead, which clients cannot tell apart from a network failure.
    // ct: the request, for the checks; turnCt: the turn itself (the request's token, or its run's).
    private async Task<IAsyncEnumerable<ThreadStreamEvent>> PrepareStreamAsync(
        ChatKitRequest request, TurnLease lease, TContext context, CancellationToken ct, CancellationToken turnCt)
    {
        switch (request)
        {
            case ThreadsCreateRequest r:
            {
                var attachments = await LoadAttachmentsAsync(r.Params.Input.Attachments, null, context, ct).ConfigureAwait(false);
                var thread = new ThreadMetadata { Id = Store.GenerateThreadId(context), CreatedAt = Now };
                if (lease.Run is not null)
                {
                    // A run holds its thread's locks, a new thread's too: other hosts tell a dead run by them.
                    await HoldNewThreadLocksAsync(lease, thread.Id, context, ct).ConfigureAwait(false);
                }

                var message = NewUserMessage(thread, r.Params.Input, attachments, context);
                RequestLimits.Item(message, "params.input", Options);
                return TurnAsync(
                    thread, lease, token => CreateThreadPrologueAsync(thread, message, context, token), null, token => RespondAsync(thread, message, context, token), context, turnCt);
            }

            case ThreadsAddUserMessageRequest r:
            {
                var thread = await Store.LoadThreadAsync(r.Params.ThreadId, context, ct).ConfigureAwait(false);
                var attachments = await LoadAttachmentsAsync(r.Params.Input.Attachments, thread.Id, context, ct).ConfigureAwait(false);
                var message = NewUserMessage(thread, r.Params.Input, attachments, context);
                RequestLimits.Item(message, "params.input", Options);
                return TurnAsync(
                    thread, lease, token => AddUserMessagePrologueAsync(thread, message, context, token), null, token => RespondAsync(thread, message, context, token), context, turnCt);
            }

            case ThreadsAddClientToolOutputRequest r:
            {
                var thread = await Store.LoadThreadAsync(r.Params.ThreadId, context, ct).ConfigureAwait(false);
                var newest = await Store.LoadThreadItemsAsync(thread.Id, null, 1, SortOrder.Desc, context, ct).ConfigureAwait(false);
                if (newest.Data is not [ClientToolCallItem { Status: ClientToolCallStatus.Pending } call])
                {
                    throw new ChatKitConflictException($"Thread '{thread.Id}' has no pending client tool call as its last item.");
                }

                var result = r.Params.Result;
                return TurnAsync(
                    thread, lease, token => ClientToolOutputPrologueAsync(thread, call, result, context, token), null, token => RespondAsync(thread, null, context, token), context, turnCt);
            }

            case ThreadsAddStructuredInputRequest r:
            {
                var thread = await Store.LoadThreadAsync(r.Params.ThreadId, context, ct).ConfigureAwait(false);
                var item = await Store.LoadItemAsync(thread.Id, r.Params.ItemId, context, ct).ConfigureAwait(false);
                if (item is not StructuredInputItem structured)
                {
                    throw new ChatKitBadRequestException($"Item '{item.Id}' is not a structured input.");
                }

                if (structured.Status != StructuredInputStatus.Pending)
                {
                    throw new ChatKitConflictException($"Structured input '{item.Id}' was already {structured.Status.ToString().ToLowerInvariant()}.");
                }

                var answered = StructuredInputAnswers.Apply(structured, r.Params.Input, Logger);
                RequestLimits.Item(answered, "params.input", Options);
                return TurnAsync(thread, lease, null, new ThreadItemReplacedEvent { Item = answered }, token => RespondAsync(thread, null, context, token), context, turnCt);
            }

            case ThreadsRetryAfterItemRequest r:
            {
                var thread = await Store.LoadThreadAsync(r.Params.ThreadId, context, ct).ConfigureAwait(false);
                var (target, newer) = await FindRetryTargetAsync(thread, r.Params.ItemId, context, ct).ConfigureAwait(false);
                if (target is null)
                {
                    // As the reference: an unknown item gives an empty stream and changes nothing.
                    await lease.ReleaseAsync().ConfigureAwait(false);
                    return AsyncEnumerable.Empty<ThreadStreamEvent>();
                }

                if (target is not UserMessageItem userMessage)
                {
                    throw new ChatKitBadRequestException($"Item '{target.Id}' is not a user message; only user messages can be retried.");
                }

                return TurnAsync(
                    thread, lease, token => RetryPrologueAsync(thread, newer, context, token), null, token => RespondAsync(thread, userMessage, context, token), context, turnCt);
            }

            case ThreadsCustomActionRequest r:
            {
                var (thread, sender) = await LoadActionTargetAsync(r.Params, context, ct).ConfigureAwait(false);
                if (r.Params.ItemId is not null && sender is null)
                {
                    // As the reference: a non-widget sender gets one error event and nothing else.
                    await lease.ReleaseAsync().ConfigureAwait(false);
                    return AsyncEnumerable.Repeat<ThreadStreamEvent>(new ErrorEvent { Code = ErrorEvent.StreamErrorCode, AllowRetry = false }, 1);
                }

                var action = r.Params.Action;
                return TurnAsync(thread, lease, null, null, token => ActionAsync(thread, action, sender, context, token), context, turnCt);
            }

            default:
                throw new ChatKitBadRequestException($"Request type '{request.Type}' does not stream.");
        }
    }

    private async Task<(ThreadMetadata Thread, WidgetItem? Sender)> LoadActionTargetAsync(CustomActionParams p, TContext context, CancellationToken ct)
    {
        var thread = await Store.LoadThreadAsync(p.ThreadId, context, ct).ConfigureAwait(false);
        if (p.ItemId is null)
        {
            return (thread, null);
        }

        var item = await Store.LoadItemAsync(thread.Id, p.ItemId, context, ct).ConfigureAwait(false);
        return (thread, item as WidgetItem);
    }

    // An attachment belongs to the thread of the first message that used it; reusing it elsewhere is refused (the
    // reference silently re-stamps it, which moves it out of the other thread).
    private async Task<List<Attachment>> LoadAttachmentsAsync(IReadOnlyList<string> ids, string? threadId, TContext context, CancellationToken ct)
    {
        var attachments = new List<Attachment>(ids.Count);
        foreach (var id in ids)
        {
            var attachment = await Store.LoadAttachmentAsync(id, context, ct).ConfigureAwait(false);
            if (attachment.ThreadId is not null && attachment.ThreadId != threadId)
            {
                throw new ChatKitBadRequestException($"Attachment '{id}' already belongs to another thread.");
            }

            attachments.Add(attachment);
        }

        return attachments;
    }

    private async Task<(ThreadItem? Target, List<ThreadItem> Newer)> FindRetryTargetAsync(ThreadMetadata thread, string itemId, TContext context, CancellationToken ct)
    {
        var newer = new List<ThreadItem>();
        string? after = null;
        while (true)
        {
            var page = await Store.LoadThreadItemsAsync(thread.Id, after, Options.DefaultPageSize, SortOrder.Desc, context, ct).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                if (item.Id == itemId)
                {
                    return (item, newer);
                }

                newer.Add(item);
            }

            if (!page.HasMore || page.After is null)
            {
                return (null, newer);
            }

            after = page.After;
        }
    }

    private UserMessageItem NewUserMessage(ThreadMetadata thread, UserMessageInput input, List<Attachment> attachments, TContext context) => new()
    {
        Id = Store.GenerateItemId(StoreItemKind.Message, thread, context),
        ThreadId = thread.Id,
        CreatedAt = Now,
        Content = input.Content,
        Attachments = attachments,
        QuotedText = input.QuotedText,
        InferenceOptions = input.InferenceOptions,
    };

    private async IAsyncEnumerable<ThreadStreamEvent> CreateThreadPrologueAsync(
        ThreadMetadata thread, UserMessageItem message, TContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (_writeGroups is { } groups)
        {
            // One commit for the thread, its attachments and its first message: the client sees none of them before
            // all are stored, and sees no thread at all when they fail (just the error event).
            var writes = new List<StoreWrite>(2 + message.Attachments.Count) { new StoreWrite.SaveThread(thread) };
            AddUserMessageWrites(writes, thread, message);
            await WriteGroupAsync(groups, writes, context, ct).ConfigureAwait(false);
            yield return new ThreadCreatedEvent { Thread = thread.ToResponse() };
            yield return new ThreadItemDoneEvent { Item = message };
            yield break;
        }

        await Store.SaveThreadAsync(thread, context, ct).ConfigureAwait(false);
        yield return new ThreadCreatedEvent { Thread = thread.ToResponse() };

        // Not through AddUserMessagePrologueAsync: a nested iterator costs its state machine and a hop per event.
        await SaveUserMessageAsync(thread, message, context, ct).ConfigureAwait(false);
        yield return new ThreadItemDoneEvent { Item = message };
    }

    private async IAsyncEnumerable<ThreadStreamEvent> AddUserMessagePrologueAsync(
        ThreadMetadata thread, UserMessageItem message, TContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (_writeGroups is { } groups && message.Attachments.Count > 0)
        {
            var writes = new List<StoreWrite>(1 + message.Attachments.Count);
            AddUserMessageWrites(writes, thread, message);
            await WriteGroupAsync(groups, writes, context, ct).ConfigureAwait(false);
            yield return new ThreadItemDoneEvent { Item = message };
            yield break;
        }

        await SaveUserMessageAsync(thread, message, context, ct).ConfigureAwait(false);
        yield return new ThreadItemDoneEvent { Item = message };
    }

    // The user's message and its attachments, one store call each (a store without write groups, or no attachments).
    private async ValueTask SaveUserMessageAsync(ThreadMetadata thread, UserMessageItem message, TContext context, CancellationToken ct)
    {
        foreach (var attachment in message.Attachments)
        {
            attachment.ThreadId = thread.Id;
            await Store.SaveAttachmentAsync(attachment, context, ct).ConfigureAwait(false);
        }

        await Store.AddThreadItemAsync(thread.Id, message, context, ct).ConfigureAwait(false);
    }

    private static void AddUserMessageWrites(List<StoreWrite> writes, ThreadMetadata thread, UserMessageItem message)
    {
        foreach (var attachment in message.Attachments)
        {
            attachment.ThreadId = thread.Id;
            writes.Add(new StoreWrite.SaveAttachment(attachment));
        }

        writes.Add(new StoreWrite.AddItem(thread.Id, message));
    }

    private async ValueTask WriteGroupAsync(IStoreWriteGroups<TContext> groups, List<StoreWrite> writes, TContext context, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await groups.WriteGroupAsync(writes, context, ct).ConfigureAwait(false);
        }
        finally
        {
            _metrics?.RecordStoreOperation("write_group", Stopwatch.GetElapsedTime(started));
        }
    }

    private async IAsyncEnumerable<ThreadStreamEvent> ClientToolOutputPrologueAsync(
        ThreadMetadata thread, ClientToolCallItem call, System.Text.Json.Nodes.JsonNode? result, TContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        call.Output = result;
        call.Status = ClientToolCallStatus.Completed;
        await Store.SaveItemAsync(thread.Id, call, context, ct).ConfigureAwait(false);

        var recent = await Store.LoadThreadItemsAsync(thread.Id, null, Options.DefaultPageSize, SortOrder.Desc, context, ct).ConfigureAwait(false);
        foreach (var stray in recent.Data.OfType<ClientToolCallItem>().Where(i => i.Status == ClientToolCallStatus.Pending))
        {
            Logger.LogWarning("Deleting stray pending client tool call {ItemId} in thread {ThreadId}.", stray.Id, thread.Id);
            await Store.DeleteThreadItemAsync(thread.Id, stray.Id, context, ct).ConfigureAwait(false);
        }

        yield break;
    }

    private async IAsyncEnumerable<ThreadStreamEvent> RetryPrologueAsync(
        ThreadMetadata thread, List<ThreadItem> newer, TContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        // Newest first, without events: the client prunes its own view when the user presses retry.
        foreach (var item in newer)
        {
            await Store.DeleteThreadItemAsync(thread.Id, item.Id, context, ct).ConfigureAwait(false);
        }

        yield break;
    }

    /// <summary>
    /// One turn: the request's own steps (<paramref name="prologue"/>: saving the user message, ...), then the event
    /// pipeline around the handler (docs/protocol.md §9.1): stream options first, persistence before each event is sent,
    /// hidden items swallowed, thread changes saved and announced, handler failures turned into one error event, and
    /// cancellation clean-up when the client goes away. <paramref name="leading"/> goes through the pipeline before
    /// the handler's events. This is a single iterator on purpose: every layer of async iterators costs each of the
    /// thousands of events of a streamed answer.
    /// </summary>
    private async IAsyncEnumerable<ThreadStreamEvent> TurnAsync(
        ThreadMetadata thread,
        TurnLease lease,
        Func<CancellationToken, IAsyncEnumerable<ThreadStreamEvent>>? prologue,
        ThreadStreamEvent? leading,
        Func<CancellationToken, IAsyncEnumerable<ThreadStreamEvent>> handler,
        TContext context,
        [EnumeratorCancellation] CancellationToken ct)
    {
        lease.Started = true;
        _metrics?.TurnStarted();
        var run = lease.Run;
        if (run is not null)
        {
            run.ThreadId = thread.Id;
            _runs.Register(run);
        }

        var marked = false;

        // Counted in a local and reported once per turn: nothing per event beyond an increment.
        long streamed = 0;
        var outcome = TurnOutcome.Cancelled;
        try
        {
            if (run is not null)
            {
                // Marked in the stored thread while it runs, so that a host that dies mid-run leaves a trace the
                // next turn on the thread finds (CloseAbandonedRunAsync). A new thread is saved by its prologue.
                RunMarker.Set(thread, run.Id);
                marked = true;
                ErrorEvent? markFailure = null;
                try
                {
                    await Store.SaveThreadAsync(thread, context, ct).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    markFailure = ToErrorEvent(exception, thread);
                }

                if (markFailure is not null)
                {
                    outcome = TurnOutcome.Failed;
                    streamed++;
                    yield return markFailure;
                    yield break;
                }
            }

            if (prologue is not null)
            {
                // The response has started by now: a store failure while saving the request's own items must end the
                // stream with an error event, not cut it (a client cannot tell a cut stream from a network failure).
                var steps = prologue(ct).GetAsyncEnumerator(ct);
                try
                {
                    while (true)
                    {
                        ThreadStreamEvent? step = null;
                        ErrorEvent? failure = null;
                        try
                        {
                            if (!await steps.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }

                            step = steps.Current;
                        }
                        catch (OperationCanceledException) when (ct.IsCancellationRequested)
                        {
                            throw;
                        }
                        catch (Exception exception)
                        {
                            failure = ToErrorEvent(exception, thread);
                        }

                        if (failure is not null)
                        {
                            outcome = TurnOutcome.Failed;
                            streamed++;
                            yield return failure;
                            yield break;
                        }

                        streamed++;
                        yield return step!;
                    }
                }
                finally
                {
                    await steps.DisposeAsync().ConfigureAwait(false);
                }
            }

            using var activity = ChatKitDiagnostics.Source.StartActivity("chatkit.turn", ActivityKind.Internal);
            activity?.SetTag("chatkit.thread.id", thread.Id);

            streamed++;

            yield return new StreamOptionsEvent { StreamOptions = GetStreamOptions(thread, context) };

            var lastSaved = thread.Clone();
            using var pending = new PendingItems();

            // What the handler added, so a rejected turn can take it back (only items: few per turn).
            var produced = new TurnItems();
            var finished = false;
            var rejected = false;
            IAsyncEnumerator<ThreadStreamEvent>? events = null;
            try
            {
                while (true)
                {
                    ThreadStreamEvent? e = null;
                    ErrorEvent? failure = null;
                    var threadSavedWithItem = false;
                    try
                    {
                        if (leading is not null)
                        {
                            e = leading;
                            leading = null;
                        }
                        else
                        {
                            // The handler is invoked only now, after the snapshot: a change it makes before its first
                            // yield (even in a method that is not an iterator) is detected, and a synchronous throw
                            // becomes an error event.
                            events ??= handler(ct).GetAsyncEnumerator(ct);
                            if (!await events.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }

                            e = events.Current ?? throw new InvalidOperationException("The handler yielded a null event.");
                        }

                        // Text deltas, the bulk of a stream, only touch memory: no store call, no awaiter.
                        if (e is ThreadItemUpdatedEvent updated)
                        {
                            pending.Apply(updated.ItemId, updated.Update);
                            if (run is not null && run.CheckpointDue(Options.RunCheckpointDeltas, Options.RunCheckpointInterval))
                            {
                                await CheckpointAsync(thread, pending, context, ct).ConfigureAwait(false);
                            }
                        }
                        else
                        {
                            threadSavedWithItem = await PersistAsync(thread, e, pending, lastSaved, context, ct).ConfigureAwait(false);
                            produced.Track(e);
                        }
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception exception)
                    {
                        failure = ToErrorEvent(exception, thread);
                        rejected = exception is ChatKitTurnRejectedException;
                    }

                    if (failure is not null)
                    {
                        activity?.SetStatus(ActivityStatusCode.Error, failure.Code);
                        finished = true;
                        outcome = TurnOutcome.Failed;
                        if (rejected)
                        {
                            foreach (var removed in await RollBackAsync(thread, produced, pending, context, ct).ConfigureAwait(false))
                            {
                                streamed++;
                                yield return removed;
                            }
                        }

                        streamed++;
                        yield return failure;
                        if (!thread.ContentEquals(lastSaved) && await TrySaveThreadAsync(thread, context, ct).ConfigureAwait(false) is { Failed: false } afterFailure)
                        {
                            streamed++;
                            yield return afterFailure.Event;
                        }

                        yield break;
                    }

                    if (!(e is ThreadItemDoneEvent { Item.IsHidden: true }))
                    {
                        streamed++;
                        yield return e!;
                    }

                    if (threadSavedWithItem)
                    {
                        // Stored in the item's group, before the item's event was sent.
                        lastSaved = thread.Clone();
                        streamed++;
                        yield return new ThreadUpdatedEvent { Thread = thread.ToResponse() };
                    }
                    else if (!thread.ContentEquals(lastSaved))
                    {
                        var (change, saveFailed) = await TrySaveThreadAsync(thread, context, ct).ConfigureAwait(false);
                        if (saveFailed)
                        {
                            finished = true;
                            outcome = TurnOutcome.Failed;
                            streamed++;
                            yield return change;
                            yield break;
                        }

                        lastSaved = thread.Clone();
                        streamed++;
                        yield return change;
                    }
                }

                finished = true;
                outcome = TurnOutcome.Completed;
                if (!thread.ContentEquals(lastSaved) && await TrySaveThreadAsync(thread, context, ct).ConfigureAwait(false) is { Failed: false } final)
                {
                    streamed++;
                    yield return final.Event;
                }
            }
            finally
            {
                try
                {
                    if (events is not null)
                    {
                        await events.DisposeAsync().ConfigureAwait(false);
                    }
                }
                finally
                {
                    if (!finished)
                    {
                        await CleanUpCancelledStreamAsync(thread, pending, context).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            try
            {
                if (marked)
                {
                    await UnmarkRunAsync(thread, context).ConfigureAwait(false);
                }

                await lease.ReleaseAsync().ConfigureAwait(false);
            }
            finally
            {
                if (_metrics is { } metrics)
                {
                    metrics.TurnEnded(outcome, streamed);
                    metrics.RecordRequest(lease.RequestType, Stopwatch.GetElapsedTime(lease.StartedTimestamp));
                }
            }
        }
    }

    // Saves a changed thread: thread.updated, or the stream's error event when the store fails (docs/protocol.md §8.2)
    // instead of aborting the stream and running the cancellation clean-up.
    private async ValueTask<(ThreadStreamEvent Event, bool Failed)> TrySaveThreadAsync(ThreadMetadata thread, TContext context, CancellationToken ct)
    {
        try
        {
            await Store.SaveThreadAsync(thread, context, ct).ConfigureAwait(false);
            return (new ThreadUpdatedEvent { Thread = thread.ToResponse() }, false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return (ToErrorEvent(exception, thread), true);
        }
    }

    // Stores what the event shows before it is sent. Returns whether the thread's own pending change went into the
    // same group as a finished item (one commit for both; the caller then announces it without saving again).
    private async ValueTask<bool> PersistAsync(
        ThreadMetadata thread, ThreadStreamEvent e, PendingItems pending, ThreadMetadata lastSaved, TContext context, CancellationToken ct)
    {
        switch (e)
        {
            case ThreadItemAddedEvent added:
                pending.Add(added.Item);
                break;
            case ThreadItemDoneEvent done when _writeGroups is { } groups && !thread.ContentEquals(lastSaved):
                await WriteGroupAsync(groups, [new StoreWrite.AddItem(thread.Id, done.Item), new StoreWrite.SaveThread(thread)], context, ct).ConfigureAwait(false);
                pending.Remove(done.Item.Id);
                return true;
            case ThreadItemDoneEvent done:
                await Store.AddThreadItemAsync(thread.Id, done.Item, context, ct).ConfigureAwait(false);
                pending.Remove(done.Item.Id);
                break;
            case ThreadItemRemovedEvent removed:
                await Store.DeleteThreadItemAsync(thread.Id, removed.ItemId, context, ct).ConfigureAwait(false);
                pending.Remove(removed.ItemId);
                break;
            case ThreadItemReplacedEvent replaced:
                await Store.SaveItemAsync(thread.Id, replaced.Item, context, ct).ConfigureAwait(false);
                pending.Remove(replaced.Item.Id);
                break;
        }

        return false;
    }

    // A rejected turn takes back what it added, newest first. Each row is deleted on its own: one failing delete is
    // logged and does not keep the others (or the error event) from going out.
    private async ValueTask<List<ThreadStreamEvent>> RollBackAsync(ThreadMetadata thread, TurnItems produced, PendingItems pending, TContext context, CancellationToken ct)
    {
        var events = new List<ThreadStreamEvent>();
        foreach (var (itemId, hidden) in produced.NewestFirst())
        {
            try
            {
                await Store.DeleteThreadItemAsync(thread.Id, itemId, context, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Logger.LogError(e, "Removing item {ItemId} of a rejected turn in thread {ThreadId} failed.", itemId, thread.Id);
                continue;
            }

            pending.Remove(itemId);
            if (!hidden)
            {
                events.Add(new ThreadItemRemovedEvent { ItemId = itemId });
            }
        }

        return events;
    }

    private ErrorEvent ToErrorEvent(Exception exception, ThreadMetadata thread)
    {
        if (exception is StreamErrorException streamError)
        {
            Logger.LogInformation("Stream for thread {ThreadId} ended with error code {Code}.", thread.Id, streamError.Code);
            return streamError.ToEvent();
        }

        Logger.LogError(exception, "Unhandled exception while streaming thread {ThreadId}.", thread.Id);
        return new ErrorEvent { Code = ErrorEvent.StreamErrorCode, AllowRetry = true };
    }

    private async Task CleanUpCancelledStreamAsync(ThreadMetadata thread, PendingItems pending, TContext context)
    {
        // The request's token is already cancelled; the clean-up gets its own, bounded in time.
        using var timeout = new CancellationTokenSource(Options.CancellationCleanupTimeout, TimeProvider);
        try
        {
            await HandleStreamCancelledAsync(thread, pending.Items, context, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Cleaning up the cancelled stream of thread {ThreadId} failed.", thread.Id);
        }
    }
}
