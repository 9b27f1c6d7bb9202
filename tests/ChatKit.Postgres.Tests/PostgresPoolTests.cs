using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;
using Npgsql;

namespace ChatKit.Postgres.Tests;

/// <summary>
/// Turns must not starve the connection pool: waiting for a thread holds no connection, a flood of turns on one
/// thread is refused before it queues, and when the pool is exhausted anyway the answer is a clean 503.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPoolTests(PostgresServer server)
{
    private NpgsqlDataSource SmallPool(int size, int timeoutSeconds) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.DatabaseFor(nameof(PostgresPoolTests)))
        {
            MaxPoolSize = size,
            Timeout = timeoutSeconds,
        }.ConnectionString);

    /// <summary>Answers once <see cref="Release"/> is called, so a turn can be kept running.</summary>
    private sealed class GatedServer(IStore<StoreTestContext> store) : ChatKitServer<StoreTestContext>(store)
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
            ThreadMetadata thread, UserMessageItem? input, StoreTestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await _gate.Task.WaitAsync(cancellationToken);
            yield break;
        }
    }

    private static byte[] AddMessage(string threadId) => Encoding.UTF8.GetBytes(
        "{\"type\":\"threads.add_user_message\",\"params\":{\"thread_id\":\"" + threadId +
        "\",\"input\":{\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}],\"attachments\":[],\"inference_options\":{}}}}");

    [Fact]
    public async Task Ten_turns_on_a_busy_thread_leave_the_pool_to_other_users()
    {
        await using var dataSource = SmallPool(10, timeoutSeconds: 3);
        await using var store = new PostgresStore<StoreTestContext>(dataSource);
        await store.MigrateAsync();
        var server = new GatedServer(store);
        var alice = StoreTestContext.NewUser("alice");
        var bob = StoreTestContext.NewUser("bob");
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_busy", CreatedAt = DateTimeOffset.UtcNow }, alice);

        var running = await server.ProcessAsync(AddMessage("thr_busy"), alice);
        var flood = Enumerable.Range(0, 10).Select(_ => Task.Run(() => server.ProcessAsync(AddMessage("thr_busy"), alice))).ToList();

        // Refused without waiting for the lock (its timeout is 30 s). How soon the refusals come depends on the load
        // of the machine, so they are awaited (up to 10 s) instead of counted after a fixed delay.
        var until = Stopwatch.StartNew();
        while (flood.Count(t => t.IsFaulted) < 9 && until.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var stopwatch = Stopwatch.StartNew();
        var page = await server.ProcessAsync(Encoding.UTF8.GetBytes("""{"type":"threads.list","params":{}}"""), bob);
        Assert.IsType<JsonResult>(page);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));

        // Bob cannot even queue on Alice's thread: not found, at once.
        var notFound = await Assert.ThrowsAnyAsync<ChatKitException>(() => server.ProcessAsync(AddMessage("thr_busy"), bob).WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(404, notFound.StatusCode);

        var refused = flood.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).OfType<ChatKitException>().ToList();
        Assert.True(refused.Count >= 8, $"only {refused.Count} of the flood were refused before the lock timeout");
        Assert.All(refused, e => Assert.Equal(429, e.StatusCode));

        server.Release();
        await ((StreamingResult)running).DisposeAsync();
        foreach (var admitted in flood.Where(t => !t.IsFaulted))
        {
            await ((StreamingResult)await admitted.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
        }
    }

    [Fact]
    public async Task Waiting_for_a_thread_lock_holds_no_connection()
    {
        await using var dataSource = SmallPool(3, timeoutSeconds: 3);
        await using var hostA = new PostgresStore<StoreTestContext>(dataSource);
        await using var hostB = new PostgresStore<StoreTestContext>(dataSource);
        await using var held = await hostA.AcquireThreadLockAsync("alice", "thr_wait");
        var waiters = Enumerable.Range(0, 3).Select(_ => hostB.AcquireThreadLockAsync("alice", "thr_wait").AsTask()).ToList();
        await Task.Delay(300);

        // One connection is the held lock's; the other two are free although three turns wait.
        await using var first = await dataSource.OpenConnectionAsync();
        await using var second = await dataSource.OpenConnectionAsync();
        Assert.All(waiters, w => Assert.False(w.IsCompleted));
        await first.DisposeAsync();
        await second.DisposeAsync();

        // Released, the waiters get the lock one after the other.
        await held.DisposeAsync();
        while (waiters.Count > 0)
        {
            var next = await Task.WhenAny(waiters).WaitAsync(TimeSpan.FromSeconds(10));
            waiters.Remove(next);
            await (await next).DisposeAsync();
        }
    }

    [Fact]
    public async Task An_exhausted_pool_is_a_503_with_retry_after_and_the_store_recovers()
    {
        await using var dataSource = SmallPool(2, timeoutSeconds: 1);
        await using var store = new PostgresStore<StoreTestContext>(dataSource, new PostgresStoreOptions { UnavailableRetryAfter = TimeSpan.FromSeconds(4) });
        await store.MigrateAsync();
        var user = StoreTestContext.NewUser();
        var taken = new List<NpgsqlConnection> { await dataSource.OpenConnectionAsync(), await dataSource.OpenConnectionAsync() };

        var error = await Assert.ThrowsAnyAsync<ChatKitException>(() => store.LoadThreadsAsync(10, null, SortOrder.Desc, user).AsTask());
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), error.RetryAfter);
        var lockError = await Assert.ThrowsAnyAsync<ChatKitException>(() => store.AcquireThreadLockAsync("u", "thr_x").AsTask());
        Assert.Equal(503, lockError.StatusCode);

        foreach (var connection in taken)
        {
            await connection.DisposeAsync();
        }

        Assert.Empty((await store.LoadThreadsAsync(10, null, SortOrder.Desc, user)).Data);
    }
}
