namespace ChatKit.Stores;

/// <summary>
/// Persists threads, items and attachment metadata. Every call carries the request context, which the store uses
/// for per-user isolation: a thread of another user is reported as not found.
/// </summary>
/// <typeparam name="TContext">The per-request context built by the host (e.g. the signed-in user).</typeparam>
public interface IStore<in TContext>
{
    /// <summary>A new thread id (<c>thr_…</c> by default).</summary>
    string GenerateThreadId(TContext context) => IdGenerator.New(StoreItemKind.Thread);

    /// <summary>A new item id with the prefix of its kind (<c>msg_…</c>, <c>wf_…</c>, …).</summary>
    string GenerateItemId(StoreItemKind kind, ThreadMetadata thread, TContext context) => IdGenerator.New(kind);

    /// <summary>Loads a thread.</summary>
    /// <exception cref="ChatKitNotFoundException">No such thread for this user.</exception>
    ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Inserts or updates a thread.</summary>
    ValueTask SaveThreadAsync(ThreadMetadata thread, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Lists the user's threads by creation time.</summary>
    /// <exception cref="ChatKitBadRequestException"><paramref name="after"/> is not a thread of this user.</exception>
    ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Lists a thread's items (hidden items included) by creation time.</summary>
    /// <exception cref="ChatKitNotFoundException">No such thread for this user.</exception>
    /// <exception cref="ChatKitBadRequestException"><paramref name="after"/> is not an item of the thread.</exception>
    ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Adds an item; an existing item with the same id is replaced.</summary>
    ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces an item by id.</summary>
    ValueTask SaveItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Loads one item.</summary>
    /// <exception cref="ChatKitNotFoundException">No such item in this user's thread.</exception>
    ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Deletes one item (no error if it is already gone).</summary>
    ValueTask DeleteThreadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Deletes a thread and all its items.</summary>
    /// <exception cref="ChatKitNotFoundException">No such thread for this user.</exception>
    ValueTask DeleteThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Inserts or updates attachment metadata (including its private <c>metadata</c>).</summary>
    ValueTask SaveAttachmentAsync(Attachment attachment, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Loads attachment metadata.</summary>
    /// <exception cref="ChatKitNotFoundException">No such attachment for this user.</exception>
    ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Deletes attachment metadata (no error if already gone).</summary>
    ValueTask DeleteAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default);
}
