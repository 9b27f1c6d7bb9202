namespace ChatKit.Stores;

/// <summary>
/// Serializes the turns (streaming requests) of one thread, also across hosts when the implementation is
/// distributed (e.g. the PostgreSQL store's advisory locks). Without one, two concurrent turns on the same thread
/// may interleave their items.
/// </summary>
public interface IThreadLockProvider
{
    /// <summary>
    /// Waits until no other turn holds the thread <paramref name="threadId"/> of <paramref name="userId"/>, then holds
    /// it until the returned handle is disposed. The wait is bounded by the provider's timeout. Locks are keyed by
    /// user and thread, so one user's turns never wait behind another's. The server checks that the thread belongs to
    /// the user before asking for its lock.
    /// </summary>
    /// <exception cref="ChatKitConflictException">Another turn kept the thread for longer than the timeout (HTTP 409).</exception>
    /// <exception cref="ChatKitTooManyRequestsException">Too many turns already wait for the thread (HTTP 429).</exception>
    ValueTask<IAsyncDisposable> AcquireThreadLockAsync(string userId, string threadId, CancellationToken cancellationToken = default);
}
