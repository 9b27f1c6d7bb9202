using System.Diagnostics;
using ChatKit.Server;

namespace ChatKit.Stores;

/// <summary>
/// Times every store call the server makes (<c>chatkit.store.operation.duration</c>) and forwards it. Text deltas
/// never reach the store, so this costs nothing on the streaming hot path.
/// </summary>
internal class MeteredStore<TContext>(IStore<TContext> inner, ChatKitMetrics metrics) : IStore<TContext>
{
    /// <summary>Wraps <paramref name="store"/>, keeping its JSON fast path when it has one.</summary>
    public static IStore<TContext> Wrap(IStore<TContext> store, ChatKitMetrics metrics) =>
        store is IThreadItemJsonSource<TContext> ? new MeteredJsonStore<TContext>(store, metrics) : new MeteredStore<TContext>(store, metrics);

    protected IStore<TContext> Inner => inner;

    public string GenerateThreadId(TContext context) => inner.GenerateThreadId(context);

    public string GenerateItemId(StoreItemKind kind, ThreadMetadata thread, TContext context) => inner.GenerateItemId(kind, thread, context);

    public ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "load_thread", inner.LoadThreadAsync(threadId, context, cancellationToken));

    public ValueTask SaveThreadAsync(ThreadMetadata thread, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "save_thread", inner.SaveThreadAsync(thread, context, cancellationToken));

    public ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "load_threads", inner.LoadThreadsAsync(limit, after, order, context, cancellationToken));

    public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "load_thread_items", inner.LoadThreadItemsAsync(threadId, after, limit, order, context, cancellationToken));

    public ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "add_thread_item", inner.AddThreadItemAsync(threadId, item, context, cancellationToken));

    public ValueTask SaveItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "save_item", inner.SaveItemAsync(threadId, item, context, cancellationToken));

    public ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "load_item", inner.LoadItemAsync(threadId, itemId, context, cancellationToken));

    public ValueTask DeleteThreadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "delete_thread_item", inner.DeleteThreadItemAsync(threadId, itemId, context, cancellationToken));

    public ValueTask DeleteThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "delete_thread", inner.DeleteThreadAsync(threadId, context, cancellationToken));

    public ValueTask SaveAttachmentAsync(Attachment attachment, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "save_attachment", inner.SaveAttachmentAsync(attachment, context, cancellationToken));

    public ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "load_attachment", inner.LoadAttachmentAsync(attachmentId, context, cancellationToken));

    public ValueTask DeleteAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "delete_attachment", inner.DeleteAttachmentAsync(attachmentId, context, cancellationToken));

    // The timestamp is taken by the caller before the store call starts, so its synchronous part is measured too.
    protected async ValueTask<T> Timed<T>(long started, string operation, ValueTask<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        finally
        {
            metrics.RecordStoreOperation(operation, Stopwatch.GetElapsedTime(started));
        }
    }

    private async ValueTask Timed(long started, string operation, ValueTask call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        finally
        {
            metrics.RecordStoreOperation(operation, Stopwatch.GetElapsedTime(started));
        }
    }
}
