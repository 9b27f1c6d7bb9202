using System.Collections.Concurrent;
using ChatKit.Stores;

namespace ChatKit.Tests.Support;

/// <summary>
/// An in-memory store that groups writes and logs each commit (a single write call or a group) in order, as
/// <c>commit:</c> plus what it stored (<c>thread:ID</c>, <c>item:ID</c>, <c>attachment:ID</c>, <c>delete:ID</c>).
/// Other entries may be added to the same log (flushes), so tests can check what was stored before what was sent.
/// </summary>
public sealed class CommitLog(InMemoryStore<TestContext> inner) : IStore<TestContext>, IStoreWriteGroups<TestContext>
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public List<string> Commits => [.. Entries.Where(e => e.StartsWith("commit:", StringComparison.Ordinal))];

    public async ValueTask WriteGroupAsync(IReadOnlyList<StoreWrite> writes, TestContext context, CancellationToken cancellationToken = default)
    {
        var stored = new List<string>();
        foreach (var write in writes)
        {
            switch (write)
            {
                case StoreWrite.SaveThread w:
                    await inner.SaveThreadAsync(w.Thread, context, cancellationToken);
                    stored.Add("thread:" + w.Thread.Id);
                    break;
                case StoreWrite.AddItem w:
                    await inner.AddThreadItemAsync(w.ThreadId, w.Item, context, cancellationToken);
                    stored.Add("item:" + w.Item.Id);
                    break;
                case StoreWrite.SaveAttachment w:
                    await inner.SaveAttachmentAsync(w.Attachment, context, cancellationToken);
                    stored.Add("attachment:" + w.Attachment.Id);
                    break;
            }
        }

        Entries.Enqueue("commit:" + string.Join(",", stored));
    }

    public string GenerateThreadId(TestContext context) => ((IStore<TestContext>)inner).GenerateThreadId(context);

    public string GenerateItemId(StoreItemKind kind, ThreadMetadata thread, TestContext context) => ((IStore<TestContext>)inner).GenerateItemId(kind, thread, context);

    public ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TestContext context, CancellationToken cancellationToken = default) =>
        inner.LoadThreadAsync(threadId, context, cancellationToken);

    public async ValueTask SaveThreadAsync(ThreadMetadata thread, TestContext context, CancellationToken cancellationToken = default)
    {
        await inner.SaveThreadAsync(thread, context, cancellationToken);
        Entries.Enqueue("commit:thread:" + thread.Id);
    }

    public ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TestContext context, CancellationToken cancellationToken = default) =>
        inner.LoadThreadsAsync(limit, after, order, context, cancellationToken);

    public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TestContext context, CancellationToken cancellationToken = default) =>
        inner.LoadThreadItemsAsync(threadId, after, limit, order, context, cancellationToken);

    public async ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TestContext context, CancellationToken cancellationToken = default)
    {
        await inner.AddThreadItemAsync(threadId, item, context, cancellationToken);
        Entries.Enqueue("commit:item:" + item.Id);
    }

    public async ValueTask SaveItemAsync(string threadId, ThreadItem item, TestContext context, CancellationToken cancellationToken = default)
    {
        await inner.SaveItemAsync(threadId, item, context, cancellationToken);
        Entries.Enqueue("commit:item:" + item.Id);
    }

    public ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TestContext context, CancellationToken cancellationToken = default) =>
        inner.LoadItemAsync(threadId, itemId, context, cancellationToken);

    public async ValueTask DeleteThreadItemAsync(string threadId, string itemId, TestContext context, CancellationToken cancellationToken = default)
    {
        await inner.DeleteThreadItemAsync(threadId, itemId, context, cancellationToken);
        Entries.Enqueue("commit:delete:" + itemId);
    }

    public async ValueTask DeleteThreadAsync(string threadId, TestContext context, CancellationToken cancellationToken = default)
    {
        await inner.DeleteThreadAsync(threadId, context, cancellationToken);
        Entries.Enqueue("commit:delete:" + threadId);
    }

    public async ValueTask SaveAttachmentAsync(Attachment attachment, TestContext context, CancellationToken cancellationToken = default)
    {
        await inner.SaveAttachmentAsync(attachment, context, cancellationToken);
        Entries.Enqueue("commit:attachment:" + attachment.Id);
    }

    public ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, TestContext context, CancellationToken cancellationToken = default) =>
        inner.LoadAttachmentAsync(attachmentId, context, cancellationToken);

    public async ValueTask DeleteAttachmentAsync(string attachmentId, TestContext context, CancellationToken cancellationToken = default)
    {
        await inner.DeleteAttachmentAsync(attachmentId, context, cancellationToken);
        Entries.Enqueue("commit:delete:" + attachmentId);
    }
}
