using ChatKit.AspNetCore;
using ChatKit.Stores;

namespace ChatKit.Reliability.Tests.Faults;

/// <summary>
/// Decorates a store and, when armed, throws on its Nth call from then on (every store method counts; thread locks
/// do not). It passes the JSON fast path and the lock provider of the inner store through, so the server takes the
/// same code paths as with the inner store alone.
/// </summary>
public sealed class FailingStore : IStore<ChatKitRequestContext>, IThreadItemJsonSource<ChatKitRequestContext>, IStoreWriteGroups<ChatKitRequestContext>, IThreadLockProvider
{
    private readonly IStore<ChatKitRequestContext> _inner;
    private readonly IThreadItemJsonSource<ChatKitRequestContext> _json;
    private readonly IStoreWriteGroups<ChatKitRequestContext> _groups;
    private readonly IThreadLockProvider _locks;
    private int _calls;
    private int _failAt;

    public FailingStore(IStore<ChatKitRequestContext> inner)
    {
        _inner = inner;
        _json = inner as IThreadItemJsonSource<ChatKitRequestContext>
            ?? throw new ArgumentException("The decorated store must have the JSON fast path (the SQLite store has).", nameof(inner));
        _groups = inner as IStoreWriteGroups<ChatKitRequestContext>
            ?? throw new ArgumentException("The decorated store must group writes (the SQLite store does).", nameof(inner));
        _locks = inner as IThreadLockProvider ?? new InProcessThreadLocks();
    }

    /// <summary>Calls counted since the last <see cref="Arm"/> or <see cref="Count"/>.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Counts calls from zero without failing any.</summary>
    public void Count()
    {
        Volatile.Write(ref _failAt, 0);
        Volatile.Write(ref _calls, 0);
    }

    /// <summary>Fails the <paramref name="call"/>th store call from now on (1 = the next one), once.</summary>
    public void Arm(int call)
    {
        Volatile.Write(ref _calls, 0);
        Volatile.Write(ref _failAt, call);
    }

    /// <summary>Whether the armed failure has been thrown.</summary>
    public bool Fired => Volatile.Read(ref _failAt) > 0 && Calls >= Volatile.Read(ref _failAt);

    public void Disarm() => Volatile.Write(ref _failAt, 0);

    private void Step(string operation)
    {
        var call = Interlocked.Increment(ref _calls);
        if (call == Volatile.Read(ref _failAt))
        {
            throw new InjectedStoreFault(operation, call);
        }
    }

    public string GenerateThreadId(ChatKitRequestContext context) => _inner.GenerateThreadId(context);

    public string GenerateItemId(StoreItemKind kind, ThreadMetadata thread, ChatKitRequestContext context) => _inner.GenerateItemId(kind, thread, context);

    public ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(LoadThreadAsync));
        return _inner.LoadThreadAsync(threadId, context, cancellationToken);
    }

    public ValueTask SaveThreadAsync(ThreadMetadata thread, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(SaveThreadAsync));
        return _inner.SaveThreadAsync(thread, context, cancellationToken);
    }

    public ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(LoadThreadsAsync));
        return _inner.LoadThreadsAsync(limit, after, order, context, cancellationToken);
    }

    public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(LoadThreadItemsAsync));
        return _inner.LoadThreadItemsAsync(threadId, after, limit, order, context, cancellationToken);
    }

    public ValueTask<Page<StoredItemJson>> LoadThreadItemsJsonAsync(string threadId, string? after, int limit, SortOrder order, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(LoadThreadItemsJsonAsync));
        return _json.LoadThreadItemsJsonAsync(threadId, after, limit, order, context, cancellationToken);
    }

    public ValueTask AddThreadItemAsync(string threadId, ThreadItem item, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(AddThreadItemAsync));
        return _inner.AddThreadItemAsync(threadId, item, context, cancellationToken);
    }

    // A group is one call: it fails as a whole, as a failed commit would.
    public ValueTask WriteGroupAsync(IReadOnlyList<StoreWrite> writes, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(WriteGroupAsync));
        return _groups.WriteGroupAsync(writes, context, cancellationToken);
    }

    public ValueTask SaveItemAsync(string threadId, ThreadItem item, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(SaveItemAsync));
        return _inner.SaveItemAsync(threadId, item, context, cancellationToken);
    }

    public ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(LoadItemAsync));
        return _inner.LoadItemAsync(threadId, itemId, context, cancellationToken);
    }

    public ValueTask DeleteThreadItemAsync(string threadId, string itemId, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(DeleteThreadItemAsync));
        return _inner.DeleteThreadItemAsync(threadId, itemId, context, cancellationToken);
    }

    public ValueTask DeleteThreadAsync(string threadId, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(DeleteThreadAsync));
        return _inner.DeleteThreadAsync(threadId, context, cancellationToken);
    }

    public ValueTask SaveAttachmentAsync(Attachment attachment, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(SaveAttachmentAsync));
        return _inner.SaveAttachmentAsync(attachment, context, cancellationToken);
    }

    public ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(LoadAttachmentAsync));
        return _inner.LoadAttachmentAsync(attachmentId, context, cancellationToken);
    }

    public ValueTask DeleteAttachmentAsync(string attachmentId, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        Step(nameof(DeleteAttachmentAsync));
        return _inner.DeleteAttachmentAsync(attachmentId, context, cancellationToken);
    }

    public ValueTask<IAsyncDisposable> AcquireThreadLockAsync(string userId, string threadId, CancellationToken cancellationToken = default) =>
        _locks.AcquireThreadLockAsync(userId, threadId, cancellationToken);
}
