using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using ChatKit.Json;

namespace ChatKit.Stores;

/// <summary>
/// A thread-safe store kept in memory, for tests, samples and single-process apps that need no persistence.
/// Everything is stored as a copy, so later changes to objects handed in or out never leak into the store.
/// </summary>
/// <typeparam name="TContext">The per-request context.</typeparam>
public class InMemoryStore<TContext> : IStore<TContext>, IThreadItemJsonSource<TContext>
{
    private readonly Lock _gate = new();
    private readonly Func<TContext, string> _userOf;
    private readonly Dictionary<(string User, string Id), ThreadEntry> _threads = [];

    // Each user's threads oldest first, kept sorted on write so a list reads only its page. The values are structs,
    // changed through a ref to the dictionary's own copy (CollectionsMarshal).
    private readonly Dictionary<string, SortedEntries<ThreadEntry>> _threadsByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string Id), byte[]> _attachments = [];
    private long _sequence;

    /// <summary>Creates an empty store.</summary>
    /// <param name="userSelector">Extracts the user that scopes data; defaults to <see cref="UserScope.Default{TContext}"/>.</param>
    public InMemoryStore(Func<TContext, string>? userSelector = null)
    {
        _userOf = userSelector ?? UserScope.Default<TContext>();
    }

    /// <summary>A new thread id. Virtual so a subclass can choose its own ids (the server asks the store for every id).</summary>
    public virtual string GenerateThreadId(TContext context) => IdGenerator.New(StoreItemKind.Thread);

    /// <summary>A new item id of the given kind. Virtual so a subclass can choose its own ids.</summary>
    public virtual string GenerateItemId(StoreItemKind kind, ThreadMetadata thread, TContext context) => IdGenerator.New(kind);

    /// <inheritdoc />
    public ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default)
    {
        ThreadMetadata stored;
        lock (_gate)
        {
            stored = Thread(threadId, context).Metadata;
        }

        // A stored ThreadMetadata is never changed (a save replaces it), so it is copied outside the lock.
        return ValueTask.FromResult(stored.Clone());
    }

    /// <inheritdoc />
    public ValueTask SaveThreadAsync(ThreadMetadata thread, TContext context, CancellationToken cancellationToken = default)
    {
        var copy = thread.Clone();
        lock (_gate)
        {
            var user = _userOf(context);
            var key = (user, thread.Id);
            ref var sorted = ref CollectionsMarshal.GetValueRefOrAddDefault(_threadsByUser, user, out _);
            if (_threads.TryGetValue(key, out var entry))
            {
                // Most saves change the title or metadata, not the creation time that orders the list.
                if (entry.CreatedAt == copy.CreatedAt)
                {
                    entry.Metadata = copy;
                }
                else
                {
                    sorted.Remove(entry);
                    entry.Metadata = copy;
                    sorted.Add(entry);
                }
            }
            else
            {
                _threads[key] = entry = new ThreadEntry(copy, ++_sequence);
                sorted.Add(entry);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TContext context, CancellationToken cancellationToken = default)
    {
        Page<ThreadMetadata> page;
        lock (_gate)
        {
            IReadOnlyList<ThreadEntry> sorted = _threadsByUser.TryGetValue(_userOf(context), out var entries) ? entries.Items : [];
            page = Paging.Slice(sorted, t => t.Metadata.Id, limit, after, order, "thread").Map(t => t.Metadata);
        }

        return ValueTask.FromResult(page.Map(t => t.Clone()));
    }

    /// <inheritdoc />
    public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ItemPage(threadId, after, limit, order, context).Map(i => i.Load()));

    /// <inheritdoc />
    public ValueTask<Page<StoredItemJson>> LoadThreadItemsJsonAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ItemPage(threadId, after, limit, order, context).Map(i => i.ToStoredJson()));

    // Entries are immutable snapshots, so only the slice is taken under the store-wide lock; the (comparatively slow)
    // deserialization of LoadThreadItemsAsync runs outside it.
    private Page<ItemEntry> ItemPage(string threadId, string? after, int limit, SortOrder order, TContext context)
    {
        lock (_gate)
        {
            return Paging.Slice(Thread(threadId, context).Items, i => i.Id, limit, after, order, "item");
        }
    }

    /// <inheritdoc />
    public ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default) =>
        SaveItemAsync(threadId, item, context, cancellationToken);

    /// <inheritdoc />
    public ValueTask SaveItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default)
    {
        var json = ChatKitJson.SerializeItemForStorageUtf8(item);
        lock (_gate)
        {
            var thread = Thread(threadId, context);
            long sequence;
            if (thread.TryGetItem(item.Id, out var existing))
            {
                sequence = existing.Sequence;
                thread.RemoveItem(existing);
            }
            else
            {
                sequence = ++_sequence;
            }

            thread.AddItem(new ItemEntry(item.Id, item.CreatedAt, sequence, json, ChatKitJson.IsClientJson(item), item.IsHidden));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default)
    {
        ItemEntry? entry;
        lock (_gate)
        {
            Thread(threadId, context).TryGetItem(itemId, out entry);
        }

        return entry is not null
            ? ValueTask.FromResult(entry.Load())
            : throw new ChatKitNotFoundException($"Item '{itemId}' not found in thread '{threadId}'.");
    }

    /// <inheritdoc />
    public ValueTask DeleteThreadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var thread = Thread(threadId, context);
            if (thread.TryGetItem(itemId, out var removed))
            {
                thread.RemoveItem(removed);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeleteThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var user = _userOf(context);
            if (!_threads.Remove((user, threadId), out var removed))
            {
                throw new ChatKitNotFoundException($"Thread '{threadId}' not found.");
            }

            CollectionsMarshal.GetValueRefOrNullRef(_threadsByUser, user).Remove(removed);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SaveAttachmentAsync(Attachment attachment, TContext context, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(attachment, ChatKitJson.Storage.Attachment);
        lock (_gate)
        {
            _attachments[(_userOf(context), attachment.Id)] = json;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        byte[]? json;
        lock (_gate)
        {
            _attachments.TryGetValue((_userOf(context), attachmentId), out json);
        }

        return json is null
            ? throw new ChatKitNotFoundException($"Attachment '{attachmentId}' not found.")
            : ValueTask.FromResult(JsonSerializer.Deserialize(json, ChatKitJson.Storage.Attachment)!);
    }

    /// <inheritdoc />
    public ValueTask DeleteAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _attachments.Remove((_userOf(context), attachmentId));
        }

        return ValueTask.CompletedTask;
    }

    private ThreadEntry Thread(string threadId, TContext context) =>
        _threads.TryGetValue((_userOf(context), threadId), out var entry)
            ? entry
            : throw new ChatKitNotFoundException($"Thread '{threadId}' not found.");

    // The store keeps every thread it is given, so the objects per thread are kept few: the collector copies each new
    // one as it is promoted and traces all of them in every full collection (in-process, what the store keeps caused
    // most of a turn's GC pause). A thread is this entry, its metadata and one array of its items; an id index is
    // added only for threads long enough that a scan through the items would cost more.
    private sealed class ThreadEntry(ThreadMetadata metadata, long sequence) : ISortedEntry
    {
        private const int ScanLimit = 16;
        private SortedEntries<ItemEntry> _items;
        private Dictionary<string, ItemEntry>? _itemsById;

        public ThreadMetadata Metadata { get; set; } = metadata;

        public DateTimeOffset CreatedAt => Metadata.CreatedAt;

        public long Sequence { get; } = sequence;

        /// <summary>The items by (created_at, sequence).</summary>
        public IReadOnlyList<ItemEntry> Items => _items.Items;

        public bool TryGetItem(string id, [MaybeNullWhen(false)] out ItemEntry entry)
        {
            if (_itemsById is not null)
            {
                return _itemsById.TryGetValue(id, out entry);
            }

            for (var i = 0; i < _items.Count; i++)
            {
                if (string.Equals(_items[i].Id, id, StringComparison.Ordinal))
                {
                    entry = _items[i];
                    return true;
                }
            }

            entry = null;
            return false;
        }

        /// <summary>Adds an entry whose id is not in the thread (replacing one: remove it first).</summary>
        public void AddItem(ItemEntry entry)
        {
            _items.Add(entry);
            if (_itemsById is not null)
            {
                _itemsById[entry.Id] = entry;
            }
            else if (_items.Count > ScanLimit)
            {
                _itemsById = new Dictionary<string, ItemEntry>(_items.Count * 2, StringComparer.Ordinal);
                for (var i = 0; i < _items.Count; i++)
                {
                    _itemsById[_items[i].Id] = _items[i];
                }
            }
        }

        public void RemoveItem(ItemEntry entry)
        {
            _items.Remove(entry);
            _itemsById?.Remove(entry.Id);
        }
    }

    private sealed record ItemEntry(string Id, DateTimeOffset CreatedAt, long Sequence, byte[] Json, bool IsClientJson, bool IsHidden) : ISortedEntry
    {
        public ThreadItem Load() => ChatKitJson.DeserializeStoredItem(Json);

        // The array is never written after the entry is created, so handing it out without a copy is safe.
        public StoredItemJson ToStoredJson() => new(Id, Json, IsClientJson, IsHidden);
    }
}
