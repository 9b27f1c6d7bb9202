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
    private readonly Dictionary<(string User, string Id), byte[]> _attachments = [];
    private long _sequence;

    /// <summary>Creates an empty store.</summary>
    /// <param name="userSelector">Extracts the user that scopes data; defaults to <see cref="UserScope.Default{TContext}"/>.</param>
    public InMemoryStore(Func<TContext, string>? userSelector = null)
    {
        _userOf = userSelector ?? UserScope.Default<TContext>();
    }

    /// <inheritdoc />
    public ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Thread(threadId, context).Metadata.Clone());
        }
    }

    /// <inheritdoc />
    public ValueTask SaveThreadAsync(ThreadMetadata thread, TContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (_userOf(context), thread.Id);
            if (_threads.TryGetValue(key, out var entry))
            {
                entry.Metadata = thread.Clone();
            }
            else
            {
                _threads[key] = new ThreadEntry(thread.Clone(), ++_sequence);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var user = _userOf(context);
            var sorted = _threads
                .Where(t => t.Key.User == user)
                .Select(t => t.Value)
                .OrderBy(t => t.Metadata.CreatedAt)
                .ThenBy(t => t.Sequence)
                .Select(t => t.Metadata)
                .ToList();
            return ValueTask.FromResult(Paging.Slice(sorted, t => t.Id, limit, after, order, "thread").Map(t => t.Clone()));
        }
    }

    /// <inheritdoc />
    public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default)
    {
        Page<ItemEntry> page;
        lock (_gate)
        {
            var thread = Thread(threadId, context);
            var sorted = thread.Items.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.Sequence).ToList();
            page = Paging.Slice(sorted, i => i.Id, limit, after, order, "item");
        }

        // Entries are immutable snapshots, so the (comparatively slow) deserialization runs outside the store-wide lock.
        return ValueTask.FromResult(page.Map(i => i.Load()));
    }

    /// <inheritdoc />
    public ValueTask<Page<StoredItemJson>> LoadThreadItemsJsonAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var thread = Thread(threadId, context);
            var sorted = thread.Items.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.Sequence).ToList();
            return ValueTask.FromResult(Paging.Slice(sorted, i => i.Id, limit, after, order, "item").Map(i => i.ToStoredJson()));
        }
    }

    /// <inheritdoc />
    public ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default) =>
        SaveItemAsync(threadId, item, context, cancellationToken);

    /// <inheritdoc />
    public ValueTask SaveItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(item, ChatKitJson.Storage.ThreadItem);
        lock (_gate)
        {
            var thread = Thread(threadId, context);
            var sequence = thread.Items.TryGetValue(item.Id, out var existing) ? existing.Sequence : ++_sequence;
            thread.Items[item.Id] = new ItemEntry(item.Id, item.CreatedAt, sequence, json, ChatKitJson.IsClientJson(item), item.IsHidden);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default)
    {
        ItemEntry? entry;
        lock (_gate)
        {
            Thread(threadId, context).Items.TryGetValue(itemId, out entry);
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
            Thread(threadId, context).Items.Remove(itemId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeleteThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_threads.Remove((_userOf(context), threadId)))
            {
                throw new ChatKitNotFoundException($"Thread '{threadId}' not found.");
            }
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

    private sealed class ThreadEntry(ThreadMetadata metadata, long sequence)
    {
        public ThreadMetadata Metadata { get; set; } = metadata;

        public long Sequence { get; } = sequence;

        public Dictionary<string, ItemEntry> Items { get; } = [];
    }

    private sealed record ItemEntry(string Id, DateTimeOffset CreatedAt, long Sequence, byte[] Json, bool IsClientJson, bool IsHidden)
    {
        public ThreadItem Load() => ChatKitJson.DeserializeStoredItem(Json);

        // The array is never written after the entry is created, so handing it out without a copy is safe.
        public StoredItemJson ToStoredJson() => new(Id, Json, IsClientJson, IsHidden);
    }
}
