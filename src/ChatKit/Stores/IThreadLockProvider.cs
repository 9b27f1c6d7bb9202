namespace ChatKit.Stores;

/// <summary>
/// Serializes the turns (streaming requests) of one thread, also across hosts when the implementation is
/// distributed (e.g. the PostgreSQL store's advisory locks). Without one, two concurrent turns on the same thread
/// may interleave their items.
/// </summary>
public interface IThreadLockProvider
{
    /// <summary>
    /// Waits until no other turn holds <paramref name="threadId"/>, then holds it until the returned handle is
    /// disposed. The wait is bounded by the provider's timeout.
    /// </summary>
    /// <exception cref="ChatKitConflictException">Another turn kept the thread for longer than the timeout (HTTP 409).</exception>
    ValueTask<IAsyncDisposable> AcquireThreadLockAsync(string threadId, CancellationToken cancellationToken = default);
}
