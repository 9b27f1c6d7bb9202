namespace ChatKit.Stores;

/// <summary>
/// Serializes the turns of each thread within one process (the default when the store does not provide
/// distributed locks). A turn waits for the previous one, up to <see cref="Timeout"/>, then gets 409.
/// </summary>
public sealed class InProcessThreadLocks : IThreadLockProvider
{
    private readonly Dictionary<string, Entry> _locks = new(StringComparer.Ordinal);

    private readonly TimeProvider _time;

    /// <summary>Creates the provider.</summary>
    /// <param name="timeout">How long a turn waits (default 30 seconds).</param>
    /// <param name="timeProvider">The clock the wait is timed by (default the system clock).</param>
    public InProcessThreadLocks(TimeSpan? timeout = null, TimeProvider? timeProvider = null)
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(30);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long a turn waits for the previous turn of the same thread.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AcquireThreadLockAsync(string threadId, CancellationToken cancellationToken = default)
    {
        Entry entry;
        lock (_locks)
        {
            if (!_locks.TryGetValue(threadId, out entry!))
            {
                entry = new Entry();
                _locks[threadId] = entry;
            }

            entry.References++;
        }

        // The timeout is a token on the injected clock (a cancelled wait never takes the semaphore).
        using var timeout = new CancellationTokenSource(Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await entry.Semaphore.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Release(threadId, entry, held: false);
            throw new ChatKitConflictException($"Another response is still streaming in thread '{threadId}'.");
        }
        catch
        {
            Release(threadId, entry, held: false);
            throw;
        }

        return new Handle(this, threadId, entry);
    }

    private void Release(string threadId, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (_locks)
        {
            if (--entry.References == 0)
            {
                _locks.Remove(threadId);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int References { get; set; }
    }

    private sealed class Handle(InProcessThreadLocks owner, string threadId, Entry entry) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(threadId, entry, held: true);
            }

            return ValueTask.CompletedTask;
        }
    }
}
