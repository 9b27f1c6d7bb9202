using ChatKit.Stores;

namespace ChatKit.Server;

// Writes to a thread outside a turn (threads.delete, threads.update) are made under the thread's locks, as a turn's
// are: a store's thread write is an upsert, so a rename made while a turn runs can be undone by the turn's next save of
// its own copy of the thread, and a turn writing after a delete brought the deleted thread back with its last items.
public abstract partial class ChatKitServer<TContext>
{
    // The running turn is stopped first when it is a run (here or on another host, as threads.stop_run does); a turn
    // that is not one (a client that cannot resume) ends by itself, and the delete waits for it, bounded by
    // ChatKit:ThreadLockTimeout (then 409). A full queue of waiting turns answers 429 with Retry-After, as for a turn.
    private async Task DeleteThreadAsync(string threadId, TContext context, CancellationToken ct)
    {
        var thread = await Store.LoadThreadAsync(threadId, context, ct).ConfigureAwait(false);
        await TryStopRunAsync(thread, context, ct).ConfigureAwait(false);
        await UnderThreadLocksAsync(thread.Id, context, async () =>
        {
            // Loaded again under the locks: a turn may have changed it, or another delete removed it (404).
            thread = await Store.LoadThreadAsync(thread.Id, context, ct).ConfigureAwait(false);
            var attachments = AttachmentStore is null ? [] : await CollectAttachmentsAsync(thread, context, ct).ConfigureAwait(false);
            await Store.DeleteThreadAsync(thread.Id, context, ct).ConfigureAwait(false);
            await OnThreadDeletedAsync(thread, attachments, context, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    // A rename waits for a running turn to end (a turn whose handler changes the thread saves its own copy over it).
    private async Task<ThreadMetadata> RenameThreadAsync(string threadId, string title, TContext context, CancellationToken ct)
    {
        // Ownership first: another user's thread is a 404 without queueing on its locks.
        await Store.LoadThreadAsync(threadId, context, ct).ConfigureAwait(false);
        ThreadMetadata? renamed = null;
        await UnderThreadLocksAsync(threadId, context, async () =>
        {
            renamed = await Store.LoadThreadAsync(threadId, context, ct).ConfigureAwait(false);
            renamed.Title = title;
            await Store.SaveThreadAsync(renamed, context, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        return renamed!;
    }

    private async Task UnderThreadLocksAsync(string threadId, TContext context, Func<Task> write, CancellationToken ct)
    {
        var held = new List<IAsyncDisposable>(2);
        try
        {
            await AcquireThreadLocksAsync(UserIdOf(context), threadId, held.Add, ct).ConfigureAwait(false);
            await write().ConfigureAwait(false);
        }
        finally
        {
            await HeldLocks.ReleaseAsync(held).ConfigureAwait(false);
        }
    }
}
