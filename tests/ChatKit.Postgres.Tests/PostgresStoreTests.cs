using System.Diagnostics;
using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;
using Npgsql;

namespace ChatKit.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server)
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private string Database => server.DatabaseFor(nameof(PostgresStoreTests));

    [Fact]
    public async Task New_thread_ids_sort_by_creation_time_and_are_stored_like_any_other()
    {
        // Time-ordered so that new threads append to the (user, thread id) indexes; see IdGenerator.NewTimeOrdered.
        await using var concrete = new PostgresStore<StoreTestContext>(Database);
        await TimeOrderedThreadIds.AssertAsync(concrete);
    }

    [Fact]
    public async Task Hosts_starting_together_migrate_once()
    {
        var connectionString = server.DatabaseFor(nameof(Hosts_starting_together_migrate_once));
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgresStore<StoreTestContext>(connectionString)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => s.MigrateAsync()));
            foreach (var store in stores)
            {
                Assert.Equal(PostgresSchema.LatestVersion, await store.GetSchemaVersionAsync());
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM chatkit.schema_migrations", connection);
            Assert.Equal((long)PostgresSchema.Migrations.Length, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_custom_schema_is_created_and_used()
    {
        await using var store = new PostgresStore<StoreTestContext>(Database, new PostgresStoreOptions { Schema = "tenant_a" });
        var user = StoreTestContext.NewUser();
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, user);

        await using var other = new PostgresStore<StoreTestContext>(Database, new PostgresStoreOptions { Schema = "tenant_b" });
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => other.LoadThreadAsync("thr_1", user).AsTask());
        Assert.Equal("thr_1", (await store.LoadThreadAsync("thr_1", user)).Id);
    }

    [Fact]
    public void An_invalid_schema_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PostgresStore<StoreTestContext>(Database, new PostgresStoreOptions { Schema = "x; DROP TABLE y" }));
    }

    [Fact]
    public async Task A_second_turn_on_a_thread_waits_for_the_first_across_hosts()
    {
        await using var hostA = new PostgresStore<StoreTestContext>(Database);
        await using var hostB = new PostgresStore<StoreTestContext>(Database);
        IThreadLockProvider a = hostA;
        IThreadLockProvider b = hostB;

        var first = await a.AcquireThreadLockAsync("user", "thr_busy");
        var second = b.AcquireThreadLockAsync("user", "thr_busy").AsTask();
        await Task.Delay(300);
        Assert.False(second.IsCompleted);

        // Other threads are not blocked.
        await using (await b.AcquireThreadLockAsync("user", "thr_other"))
        {
        }

        await first.DisposeAsync();
        await using var held = await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_second_turn_gives_up_with_a_conflict_after_the_timeout()
    {
        await using var hostA = new PostgresStore<StoreTestContext>(Database);
        await using var hostB = new PostgresStore<StoreTestContext>(Database, new PostgresStoreOptions { ThreadLockTimeout = TimeSpan.FromMilliseconds(300) });

        await using var first = await hostA.AcquireThreadLockAsync("user", "thr_slow");
        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ChatKitConflictException>(() => hostB.AcquireThreadLockAsync("user", "thr_slow").AsTask());
        Assert.Equal(409, error.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));

        // The failed attempt left nothing behind: after release, the lock is free at once.
        await first.DisposeAsync();
        await using var again = await hostB.AcquireThreadLockAsync("user", "thr_slow");
    }

    [Fact]
    public async Task A_lock_is_released_when_its_handle_is_disposed_twice_or_the_wait_is_cancelled()
    {
        await using var store = new PostgresStore<StoreTestContext>(Database);
        var handle = await store.AcquireThreadLockAsync("user", "thr_c");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AcquireThreadLockAsync("user", "thr_c", cancel.Token).AsTask());
        await handle.DisposeAsync();
        await handle.DisposeAsync();
        await using var next = await store.AcquireThreadLockAsync("user", "thr_c").AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Bulk_import_writes_threads_and_items()
    {
        await using var store = new PostgresStore<StoreTestContext>(Database);
        var user = StoreTestContext.NewUser();
        var threads = Enumerable.Range(0, 3).Select(i => new ThreadMetadata { Id = $"thr_{i}", CreatedAt = T0.AddSeconds(i) }).ToList();
        var items = Enumerable.Range(0, 30).Select(i => (ThreadItem)new AssistantMessageItem
        {
            Id = $"m{i}",
            ThreadId = $"thr_{i % 3}",
            CreatedAt = T0,
            Content = [new AssistantMessageContent { Text = i == 4 ? "nul\0" : $"{i}" }],
        });
        await store.ImportAsync(threads, items, user);

        Assert.Equal(["thr_0", "thr_1", "thr_2"], (await store.LoadThreadsAsync(10, null, SortOrder.Asc, user)).Data.Select(t => t.Id));
        var page = await store.LoadThreadItemsAsync("thr_1", null, 100, SortOrder.Asc, user);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{3 * i + 1}"), page.Data.Select(i => i.Id));
        Assert.Equal("nul\0", ((AssistantMessageItem)await store.LoadItemAsync("thr_1", "m4", user)).Content.Single().Text);
    }

    [Theory]
    [InlineData(SortOrder.Desc, true)]
    [InlineData(SortOrder.Asc, true)]
    [InlineData(SortOrder.Desc, false)]
    public async Task Item_pages_are_index_range_scans(SortOrder order, bool hasCursor)
    {
        var plan = await ExplainAsync(PostgresStore<StoreTestContext>.ItemsPageSql("chatkit", hasCursor, order), "u", "t", 21L, "msg_x");
        Assert.Contains("items_by_thread_time", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Join Filter", plan, StringComparison.Ordinal);
        if (hasCursor)
        {
            Assert.Matches(@"Index Cond: \(.*ROW\(created_at, seq\) [<>] ROW\(", plan);
        }
    }

    [Theory]
    [InlineData(SortOrder.Desc)]
    [InlineData(SortOrder.Asc)]
    public async Task Thread_pages_are_index_range_scans(SortOrder order)
    {
        var plan = await ExplainAsync(PostgresStore<StoreTestContext>.ThreadsPageSql("chatkit", hasCursor: true, order), "u", 21L, "thr_x");
        Assert.Contains("threads_by_user_time", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.Matches(@"Index Cond: \(.*ROW\(created_at, seq\) [<>] ROW\(", plan);
    }

    private async Task<string> ExplainAsync(string sql, params object[] parameters)
    {
        await using (var store = new PostgresStore<StoreTestContext>(Database))
        {
            await store.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var value in parameters)
        {
            explain.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        return string.Join("\n", plan);
    }
}
