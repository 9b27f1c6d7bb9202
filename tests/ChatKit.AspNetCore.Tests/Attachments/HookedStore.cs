using ChatKit.Stores;

namespace ChatKit.AspNetCore.Tests.Attachments;

/// <summary>An in-memory store that can run something just before its next attachment save, to place a race exactly.</summary>
public sealed class HookedStore : IStore<ChatKitRequestContext>
{
    private readonly InMemoryStore<ChatKitRequestContext> _inner = new();
    private Func<Task>? _beforeNextAttachmentSave;

    public void BeforeNextAttachmentSave(Func<Task> hook) => _beforeNextAttachmentSave = hook;

    public async ValueTask SaveAttachmentAsync(Attachment attachment, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _beforeNextAttachmentSave, null) is { } hook)
        {
            await hook();
        }

        await _inner.SaveAttachmentAsync(attachment, context, cancellationToken);
    }

    public ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.LoadThreadAsync(threadId, context, cancellationToken);

    public ValueTask SaveThreadAsync(ThreadMetadata thread, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.SaveThreadAsync(thread, context, cancellationToken);

    public ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.LoadThreadsAsync(limit, after, order, context, cancellationToken);

    public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.LoadThreadItemsAsync(threadId, after, limit, order, context, cancellationToken);

    public ValueTask AddThreadItemAsync(string threadId, ThreadItem item, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.AddThreadItemAsync(threadId, item, context, cancellationToken);

    public ValueTask SaveItemAsync(string threadId, ThreadItem item, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.SaveItemAsync(threadId, item, context, cancellationToken);

    public ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.LoadItemAsync(threadId, itemId, context, cancellationToken);

    public ValueTask DeleteThreadItemAsync(string threadId, string itemId, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.DeleteThreadItemAsync(threadId, itemId, context, cancellationToken);

    public ValueTask DeleteThreadAsync(string threadId, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.DeleteThreadAsync(threadId, context, cancellationToken);

    public ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.LoadAttachmentAsync(attachmentId, context, cancellationToken);

    public ValueTask DeleteAttachmentAsync(string attachmentId, ChatKitRequestContext context, CancellationToken cancellationToken = default) =>
        _inner.DeleteAttachmentAsync(attachmentId, context, cancellationToken);
}
