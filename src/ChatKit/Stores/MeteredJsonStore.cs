using System.Diagnostics;
using ChatKit.Server;

namespace ChatKit.Stores;

/// <summary>A <see cref="MeteredStore{TContext}"/> over a store that also serves stored item JSON.</summary>
internal sealed class MeteredJsonStore<TContext>(IStore<TContext> inner, ChatKitMetrics metrics)
    : MeteredStore<TContext>(inner, metrics), IThreadItemJsonSource<TContext>
{
    private readonly IThreadItemJsonSource<TContext> _json = (IThreadItemJsonSource<TContext>)inner;

    public ValueTask<Page<StoredItemJson>> LoadThreadItemsJsonAsync(
        string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        Timed(Stopwatch.GetTimestamp(), "load_thread_items", _json.LoadThreadItemsJsonAsync(threadId, after, limit, order, context, cancellationToken));
}
