using ChatKit.Stores;

namespace ChatKit.Testing.Stores;

/// <summary>
/// A store that hands every call to another one, so a test store overrides only the calls it changes (and, being
/// only an <see cref="IStore{TContext}"/>, hides the inner store's fast paths such as its JSON pages).
/// </summary>
public class DelegatingStore<TContext>(IStore<TContext> inner) : IStore<TContext>
{
    /// <summary>The store the calls go to.</summary>
    protected IStore<TContext> Inner { get; } = inner;

    public virtual string GenerateThreadId(TContext context) => Inner.GenerateThreadId(context);

    public virtual string GenerateItemId(StoreItemKind kind, ThreadMetadata thread, TContext context) => Inner.GenerateItemId(kind, thread, context);

    public virtual ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default) =>
        Inner.LoadThreadAsync(threadId, context, cancellationToken);

    public virtual ValueTask SaveThreadAsync(ThreadMetadata thread, TContext context, CancellationToken cancellationToken = default) =>
        Inner.SaveThreadAsync(thread, context, cancellationToken);

    public virtual ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        Inner.LoadThreadsAsync(limit, after, order, context, cancellationToken);

    public virtual ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        Inner.LoadThreadItemsAsync(threadId, after, limit, order, context, cancellationToken);

    public virtual ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default) =>
        Inner.AddThreadItemAsync(threadId, item, context, cancellationToken);

    public virtual ValueTask SaveItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default) =>
        Inner.SaveItemAsync(threadId, item, context, cancellationToken);

    public virtual ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default) =>
        Inner.LoadItemAsync(threadId, itemId, context, cancellationToken);

    public virtual ValueTask DeleteThreadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default) =>
        Inner.DeleteThreadItemAsync(threadId, itemId, context, cancellationToken);

    public virtual ValueTask DeleteThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default) =>
        Inner.DeleteThreadAsync(threadId, context, cancellationToken);

    public virtual ValueTask SaveAttachmentAsync(Attachment attachment, TContext context, CancellationToken cancellationToken = default) =>
        Inner.SaveAttachmentAsync(attachment, context, cancellationToken);

    public virtual ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default) =>
        Inner.LoadAttachmentAsync(attachmentId, context, cancellationToken);

    public virtual ValueTask DeleteAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default) =>
        Inner.DeleteAttachmentAsync(attachmentId, context, cancellationToken);
}
