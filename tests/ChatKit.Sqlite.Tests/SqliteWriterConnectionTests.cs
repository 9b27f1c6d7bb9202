using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;
using Microsoft.Data.Sqlite;

namespace ChatKit.Sqlite.Tests;

/// <summary>
/// Commits go through one writer connection kept open with its durability set once; a failed commit replaces it and
/// disposing the store closes it.
/// </summary>
public sealed class SqliteWriterConnectionTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly StoreTestContext Alice = new("alice");
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false, 2L)] // FULL: a commit is on disk when the write returns
    [InlineData(true, 1L)] // NORMAL
    public async Task Commits_reuse_one_writer_connection_with_the_configured_durability(bool relaxed, long synchronous)
    {
        var store = new SqliteStore<StoreTestContext>(new SqliteStoreOptions { FilePath = temp.NewDatabasePath(), RelaxedDurability = relaxed });
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, Alice);
        var writer = store.WriterConnection;
        Assert.NotNull(writer);

        for (var i = 0; i < 20; i++)
        {
            await store.AddThreadItemAsync("thr_1", Message($"msg_{i:00}"), Alice);
            await store.WriteGroupAsync([new StoreWrite.SaveThread(new ThreadMetadata { Id = "thr_1", CreatedAt = T0, Title = $"t{i}" })], Alice);
        }

        Assert.Same(writer, store.WriterConnection);
        Assert.Equal(synchronous, Pragma(writer, "synchronous"));
        Assert.Equal(1000, Pragma(writer, "wal_autocheckpoint")); // the default
        Assert.Equal(20, (await store.LoadThreadItemsAsync("thr_1", null, 100, SortOrder.Asc, Alice)).Data.Count);
        Assert.Equal("t19", (await store.LoadThreadAsync("thr_1", Alice)).Title);

        store.Dispose();
        Assert.Equal(System.Data.ConnectionState.Closed, writer.State);
    }

    [Fact]
    public async Task A_failed_commit_replaces_the_writer_and_loses_nothing_stored_before()
    {
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, Alice);
        var first = store.WriterConnection;

        // An import runs alone in its own transaction; one that throws midway fails the commit.
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.ImportAsync([new ThreadMetadata { Id = "thr_2", CreatedAt = T0 }], Failing(), Alice));
        Assert.Null(store.WriterConnection);

        await store.AddThreadItemAsync("thr_1", Message("msg_after"), Alice);
        Assert.NotNull(store.WriterConnection);
        Assert.NotSame(first, store.WriterConnection);
        Assert.Equal(["msg_after"], (await store.LoadThreadItemsAsync("thr_1", null, 10, SortOrder.Asc, Alice)).Data.Select(i => i.Id));
        await Assert.ThrowsAsync<ChatKitNotFoundException>(async () => await store.LoadThreadAsync("thr_2", Alice));

        static IEnumerable<ThreadItem> Failing()
        {
            yield return Message("msg_imported");
            throw new InvalidOperationException("the import's source failed");
        }
    }

    [Theory]
    [InlineData(100, true)] // a small log is copied into the database as the writes cross it
    [InlineData(10_000, false)] // a large log: the same writes stay in it
    public async Task The_writer_checkpoints_when_the_log_holds_the_configured_pages(int pages, bool checkpointed)
    {
        var path = temp.NewDatabasePath();
        using var store = new SqliteStore<StoreTestContext>(new SqliteStoreOptions { FilePath = path, WalCheckpointPages = pages });
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, Alice);
        Assert.Equal(pages, Pragma(store.WriterConnection!, "wal_autocheckpoint"));
        var before = new FileInfo(path).Length;

        // About 300 pages of items, one commit each.
        var text = new string('x', 4000);
        for (var i = 0; i < 300; i++)
        {
            await store.AddThreadItemAsync("thr_1", Message($"msg_{i:000}", text), Alice);
        }

        Assert.Equal(checkpointed, new FileInfo(path).Length > before + (100 * 4096));
        Assert.Equal(300, (await store.LoadThreadItemsAsync("thr_1", null, 1000, SortOrder.Asc, Alice)).Data.Count);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(1_000_001)]
    public void A_checkpoint_size_out_of_range_is_refused(int pages) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteStore<StoreTestContext>(new SqliteStoreOptions { FilePath = temp.NewDatabasePath(), WalCheckpointPages = pages }));

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return (long)command.ExecuteScalar()!;
    }

    private static UserMessageItem Message(string id, string? text = null) =>
        new() { Id = id, ThreadId = "thr_1", CreatedAt = T0, Content = [new UserMessageTextContent { Text = text ?? id }], InferenceOptions = new() };
}
