namespace ChatKit.Stores;

/// <summary>
/// Optional store capability: apply several writes as one unit, stored together or not at all. The server groups the
/// writes of a turn that no client can see apart (a new thread and its first message, a finished item and the thread
/// change that came with it), so a store that commits (and syncs to disk) per call commits once per group instead.
/// </summary>
/// <remarks>
/// The server awaits a group before it sends any event that shows one of its writes, so an item a client has seen
/// as done is always stored. A store without this capability gets the same writes one call at a time.
/// </remarks>
/// <typeparam name="TContext">The per-request context.</typeparam>
public interface IStoreWriteGroups<in TContext>
{
    /// <summary>
    /// Applies <paramref name="writes"/> in order, with the same checks and errors as the single calls, atomically:
    /// when any write fails, none of them is stored and the failure is thrown.
    /// </summary>
    /// <param name="writes">The writes, in order.</param>
    /// <param name="context">The request context (scopes the data to its user).</param>
    /// <param name="cancellationToken">Cancels the group before it is committed.</param>
    ValueTask WriteGroupAsync(IReadOnlyList<StoreWrite> writes, TContext context, CancellationToken cancellationToken = default);
}
