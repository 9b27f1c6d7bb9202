namespace ChatKit.Stores;

/// <summary>
/// Serializes the turns of each thread within one process. A turn waits for the previous one, up to
/// <see cref="Timeout"/>, then gets 409; when <see cref="MaxQueued"/> turns already wait, another is refused at once
/// (429 <c>thread_busy</c>) instead of piling up.
/// </summary>
public sealed class InProcessThreadLocks : IThreadLockProvider
{
    private readonly Dictionary<(string UserId, string ThreadId), Entry> _locks = [];

    private readonly TimeProvider _time;

    /// <summary>Creates the provider.</summary>
    /// <param name="timeout">How long a turn waits (default 30 s).</param>
    /// <param name="maxQueued">How many turns may wait behind the running one of a thread (default: unbounded).</param>
    /// <param name="retryAfter">The <c>Retry-After</c> of the 429 when the queue is full (default 5 s).</param>
    /// <param name="timeProvider">The clock the wait is timed by (default the system clock).</param>
    public InProcessThreadLocks(TimeSpan? timeout = null, int maxQueued = int.MaxValue, TimeSpan? retryAfter = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueued);
        Timeout = timeout ?? TimeSpan.FromSeconds(30);
        MaxQueued = maxQueued;
        RetryAfter = retryAfter ?? TimeSpan.FromSeconds(5);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long a turn waits for the previous turn of the same thread.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How many turns may wait behind the running turn of one thread.</summary>
    public int MaxQueued { get; }

    /// <summary>The <c>Retry-After</c> of the 429 sent when the queue of a thread is full.</summary>
    public TimeSpan RetryAfter { get; }

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AcquireThreadLockAsync(string userId, string threadId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(threadId);
        var key = (userId, threadId);
        Entry entry;
        lock (_locks)
        {
            if (!_locks.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _locks[key] = entry;
            }
            else if (entry.References > MaxQueued)
            {
                // One running turn plus MaxQueued waiting: refusing now keeps waiters (and what they hold) bounded.
                throw new ChatKitTooManyRequestsException("thread_busy", "This thread is busy with other turns; try again later.", RetryAfter);
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
            Release(key, entry, held: false);
            throw new ChatKitConflictException("Another response is still streaming in this thread.");
        }
        catch
        {
            Release(key, entry, held: false);
            throw;
        }

        return new Handle(this, key, entry);
    }

    private void Release((string, string) key, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (_locks)
        {
            if (--entry.References == 0)
            {
                _locks.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int References { get; set; }
    }

    private sealed class Handle(InProcessThreadLocks owner, (string, string) key, Entry entry) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(key, entry, held: true);
            }

            return ValueTask.CompletedTask;
        }
    }
}
