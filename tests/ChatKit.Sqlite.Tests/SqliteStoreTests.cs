using System.Text.Json.Nodes;
using ChatKit.Testing.StoreConformance;
using Microsoft.Data.Sqlite;

namespace ChatKit.Sqlite.Tests;

public sealed class SqliteStoreTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly StoreTestContext Alice = new("alice");
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task New_thread_ids_sort_by_creation_time_and_are_stored_like_any_other()
    {
        // Time-ordered so that new threads append to the (user, thread id) indexes; see IdGenerator.NewTimeOrdered.
        using var concrete = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        await TimeOrderedThreadIds.AssertAsync(concrete);
    }

    [Fact]
    public async Task Data_survives_disposing_and_reopening_the_store()
    {
        var path = temp.NewDatabasePath();
        var thread = new ThreadMetadata { Id = "thr_1", CreatedAt = T0, Title = "kept", Metadata = new JsonObject { ["k"] = 1 } };
        using (var store = new SqliteStore<StoreTestContext>(path))
        {
            await store.SaveThreadAsync(thread, Alice);
            for (var i = 0; i < 5; i++)
            {
                await store.AddThreadItemAsync("thr_1", new AssistantMessageItem { Id = $"m{i}", ThreadId = "thr_1", CreatedAt = T0, Content = [new AssistantMessageContent { Text = $"{i}" }] }, Alice);
            }

            await store.SaveAttachmentAsync(new FileAttachment { Id = "atc_1", Name = "a", MimeType = "text/plain", Metadata = new JsonObject { ["p"] = "q" } }, Alice);
        }

        using (var reopened = new SqliteStore<StoreTestContext>(path))
        {
            Assert.True(thread.ContentEquals(await reopened.LoadThreadAsync("thr_1", Alice)));
            var page = await reopened.LoadThreadItemsAsync("thr_1", null, 10, SortOrder.Asc, Alice);
            Assert.Equal(["m0", "m1", "m2", "m3", "m4"], page.Data.Select(i => i.Id));
            Assert.Equal("q", (string?)(await reopened.LoadAttachmentAsync("atc_1", Alice)).Metadata?["p"]);

            // New items after a restart still sort after the old ones on ties.
            await reopened.AddThreadItemAsync("thr_1", new EndOfTurnItem { Id = "m5", ThreadId = "thr_1", CreatedAt = T0 }, Alice);
            Assert.Equal("m5", (await reopened.LoadThreadItemsAsync("thr_1", null, 1, SortOrder.Desc, Alice)).Data.Single().Id);
        }

        File.Delete(path);
    }

    [Fact]
    public void Schema_is_versioned_wal_and_migrations_are_idempotent()
    {
        var path = temp.NewDatabasePath();
        using (var store = new SqliteStore<StoreTestContext>(path))
        {
            Assert.Equal(SqliteSchema.LatestVersion, store.SchemaVersion);
        }

        using (var again = new SqliteStore<StoreTestContext>(path))
        {
            Assert.Equal(SqliteSchema.LatestVersion, again.SchemaVersion);
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)command.ExecuteScalar());
        command.CommandText = "SELECT COUNT(*) FROM chatkit_schema_migrations";
        Assert.Equal((long)SqliteSchema.Migrations.Length, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused()
    {
        var path = temp.NewDatabasePath();
        new SqliteStore<StoreTestContext>(path).Dispose();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO chatkit_schema_migrations (version, name, applied_at) VALUES (999, 'future', 'now')";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteStore<StoreTestContext>(path));
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_stores_on_one_file_see_each_others_writes()
    {
        var path = temp.NewDatabasePath();
        using var first = new SqliteStore<StoreTestContext>(path);
        using var second = new SqliteStore<StoreTestContext>(path);
        await first.SaveThreadAsync(new ThreadMetadata { Id = "thr_shared", CreatedAt = T0 }, Alice);

        var writes = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second)
            .AddThreadItemAsync("thr_shared", new EndOfTurnItem { Id = $"e{i}", ThreadId = "thr_shared", CreatedAt = T0.AddSeconds(i) }, Alice).AsTask());
        await Task.WhenAll(writes);

        var page = await second.LoadThreadItemsAsync("thr_shared", null, 100, SortOrder.Asc, Alice);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"e{i}"), page.Data.Select(i => i.Id));
    }

    public static TheoryData<string, bool, SortOrder> PageQueries()
    {
        var data = new TheoryData<string, bool, SortOrder>();
        foreach (var list in new[] { "items", "threads" })
        {
            foreach (var hasCursor in new[] { false, true })
            {
                foreach (var order in new[] { SortOrder.Asc, SortOrder.Desc })
                {
                    data.Add(list, hasCursor, order);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PageQueries))]
    public async Task The_stores_page_queries_seek_the_index_without_sorting(string list, bool hasCursor, SortOrder order)
    {
        var path = temp.NewDatabasePath();
        using var store = new SqliteStore<StoreTestContext>(path);
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, Alice);
        var (statements, index) = list == "items"
            ? (SqlitePageQueries.Items, "items_by_thread_time")
            : (SqlitePageQueries.Threads, "threads_by_user_time");

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqlitePageQueries.For(statements, hasCursor, order);
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // One step: a seek on the (user[, thread], created_at, seq) index, which also yields the order, so SQLite
        // neither scans the table nor sorts the rows; after a cursor the keyset bounds the seek (SQLite shows the leading
        // column of the row-value comparison).
        var step = Assert.Single(plan);
        Assert.StartsWith($"SEARCH {list} USING INDEX {index} (", step, StringComparison.Ordinal);
        Assert.Contains(list == "items" ? "user_id=? AND thread_id=?" : "user_id=?", step, StringComparison.Ordinal);
        var keysetSeek = order == SortOrder.Asc ? "created_at>?" : "created_at<?";
        Assert.True(hasCursor == step.Contains(keysetSeek, StringComparison.Ordinal), step);
    }

    [Fact]
    public async Task Items_of_a_version_1_database_are_listed_as_json_that_may_be_private()
    {
        // A database written before items.client_json existed: its rows must not be sent unchanged, since one of
        // them carries private attachment metadata.
        var path = temp.NewDatabasePath();
        var message = new UserMessageItem
        {
            Id = "msg_1",
            ThreadId = "thr_1",
            CreatedAt = T0,
            Content = [new UserMessageTextContent { Text = "see attached" }],
            Attachments = [new FileAttachment { Id = "atc_1", Name = "a.txt", MimeType = "text/plain", Metadata = new JsonObject { ["blob_key"] = "secret" } }],
        };
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0].Sql + """
                CREATE TABLE chatkit_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                INSERT INTO chatkit_schema_migrations VALUES (1, 'v1', 'then');
                INSERT INTO threads (user_id, id, created_at, json) VALUES ('alice', 'thr_1', 0, $thread);
                INSERT INTO items (user_id, thread_id, id, created_at, type, json) VALUES ('alice', 'thr_1', 'msg_1', 0, 'user_message', $item);
                """;
            command.Parameters.AddWithValue("$thread", System.Text.Json.JsonSerializer.Serialize(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, ChatKit.Json.ChatKitJson.Storage.ThreadMetadata));
            command.Parameters.AddWithValue("$item", ChatKit.Json.ChatKitJson.SerializeItemForStorage(message));
            command.ExecuteNonQuery();
        }

        using var store = new SqliteStore<StoreTestContext>(path);
        Assert.Equal(SqliteSchema.LatestVersion, store.SchemaVersion);
        var old = Assert.Single((await store.LoadThreadItemsJsonAsync("thr_1", null, 10, SortOrder.Asc, Alice)).Data);
        Assert.False(old.IsClientJson);

        // Rewritten rows get the flag from what they contain.
        await store.SaveItemAsync("thr_1", new EndOfTurnItem { Id = "eot_1", ThreadId = "thr_1", CreatedAt = T0.AddSeconds(1) }, Alice);
        await store.SaveItemAsync("thr_1", message, Alice);
        var page = await store.LoadThreadItemsJsonAsync("thr_1", null, 10, SortOrder.Asc, Alice);
        Assert.Equal([("msg_1", false), ("eot_1", true)], page.Data.Select(i => (i.Id, i.IsClientJson)));
    }

    [Fact]
    public async Task Reads_that_fail_midway_leave_the_pooled_read_sessions_usable()
    {
        // Read sessions (open connections with prepared statements) are reused; a failure inside one, with or
        // without its cursor transaction open, must hand back a clean session, well past the pool's capacity.
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, Alice);
        for (var i = 0; i < 5; i++)
        {
            await store.AddThreadItemAsync("thr_1", new EndOfTurnItem { Id = $"e{i}", ThreadId = "thr_1", CreatedAt = T0.AddSeconds(i) }, Alice);
        }

        for (var round = 0; round < 40; round++)
        {
            await Assert.ThrowsAsync<ChatKitBadRequestException>(() => store.LoadThreadItemsJsonAsync("thr_1", "nope", 2, SortOrder.Asc, Alice).AsTask());
            await Assert.ThrowsAsync<ChatKitNotFoundException>(() => store.LoadThreadItemsAsync("thr_missing", "e1", 2, SortOrder.Asc, Alice).AsTask());
            await Assert.ThrowsAsync<ChatKitBadRequestException>(() => store.LoadThreadsAsync(2, "thr_nope", SortOrder.Asc, Alice).AsTask());
            await Assert.ThrowsAsync<ChatKitNotFoundException>(() => store.LoadThreadAsync("thr_missing", Alice).AsTask());

            var page = await store.LoadThreadItemsJsonAsync("thr_1", "e1", 2, SortOrder.Asc, Alice);
            Assert.Equal(["e2", "e3"], page.Data.Select(i => i.Id));
            Assert.Equal("thr_1", (await store.LoadThreadAsync("thr_1", Alice)).Id);
        }

        // Writes still go through while read sessions stay open (no read transaction is left behind).
        await store.AddThreadItemAsync("thr_1", new EndOfTurnItem { Id = "e5", ThreadId = "thr_1", CreatedAt = T0.AddSeconds(5) }, Alice);
        Assert.Equal("e5", (await store.LoadThreadItemsAsync("thr_1", null, 1, SortOrder.Desc, Alice)).Data.Single().Id);
    }

    [Fact]
    public async Task A_disposed_store_refuses_reads_even_after_its_read_sessions_were_pooled()
    {
        var path = temp.NewDatabasePath();
        var store = new SqliteStore<StoreTestContext>(path);
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, Alice);
        await store.LoadThreadAsync("thr_1", Alice);
        await store.LoadThreadItemsAsync("thr_1", null, 10, SortOrder.Asc, Alice);
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadThreadAsync("thr_1", Alice).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadThreadItemsJsonAsync("thr_1", null, 10, SortOrder.Asc, Alice).AsTask());
    }

    [Fact]
    public async Task Bulk_import_writes_threads_and_items()
    {
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        var threads = Enumerable.Range(0, 3).Select(i => new ThreadMetadata { Id = $"thr_{i}", CreatedAt = T0.AddSeconds(i) }).ToList();
        var items = Enumerable.Range(0, 30).Select(i => (ThreadItem)new EndOfTurnItem { Id = $"e{i}", ThreadId = $"thr_{i % 3}", CreatedAt = T0.AddSeconds(i) });
        await store.ImportAsync(threads, items, Alice);

        Assert.Equal(3, (await store.LoadThreadsAsync(10, null, SortOrder.Asc, Alice)).Data.Count);
        Assert.Equal(10, (await store.LoadThreadItemsAsync("thr_1", null, 100, SortOrder.Asc, Alice)).Data.Count);
    }
}
