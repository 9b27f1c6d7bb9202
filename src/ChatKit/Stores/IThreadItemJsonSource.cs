namespace ChatKit.Stores;

/// <summary>
/// Optional fast path for stores that keep items as JSON: lists a thread's items without deserializing them, so
/// <c>items.list</c> and <c>threads.get_by_id</c> copy stored bytes into the response instead of turning every item
/// into objects and back. The server uses it when <see cref="IStore{TContext}"/> also implements this interface.
/// </summary>
/// <typeparam name="TContext">The per-request context.</typeparam>
public interface IThreadItemJsonSource<in TContext>
{
    /// <summary>
    /// The same page as <see cref="IStore{TContext}.LoadThreadItemsAsync"/> with the same arguments (same items,
    /// order, <c>has_more</c> and cursor, hidden items included), as stored JSON.
    /// </summary>
    /// <exception cref="ChatKitNotFoundException">No such thread for this user.</exception>
    /// <exception cref="ChatKitBadRequestException"><paramref name="after"/> is not an item of the thread.</exception>
    ValueTask<Page<StoredItemJson>> LoadThreadItemsJsonAsync(
        string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default);
}
