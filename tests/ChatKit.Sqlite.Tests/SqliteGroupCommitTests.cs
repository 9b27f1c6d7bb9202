using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;

namespace ChatKit.Sqlite.Tests;

/// <summary>Concurrent writes share commits; a failing write still fails alone and a group stays whole.</summary>
public sealed class SqliteGroupCommitTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly StoreTestContext Alice = new("alice");
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Concurrent_writes_are_all_stored_and_a_failing_one_fails_alone()
    {
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, Alice);

        for (var round = 0; round < 5; round++)
        {
            using var start = new ManualResetEventSlim();
            var writes = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            {
                start.Wait();
                var id = $"msg_{round}_{i:00}";
                if (i % 10 == 7)
                {
                    // Into a thread that does not exist: this write fails, its neighbours in the commit do not.
                    await store.AddThreadItemAsync("thr_missing", Message("thr_missing", id), Alice);
                }
                else if (i % 10 == 3)
                {
                    // A group whose last write fails: none of it may be stored.
                    await store.WriteGroupAsync([new StoreWrite.AddItem("thr_1", Message("thr_1", id)), new StoreWrite.AddItem("thr_missing", Message("thr_missing", id + "_x"))], Alice);
                }
                else
                {
                    await store.AddThreadItemAsync("thr_1", Message("thr_1", id), Alice);
                }
            })).ToList();
            start.Set();
            await Task.WhenAll(writes.Select(async w =>
            {
                try
                {
                    await w;
                }
                catch (ChatKitNotFoundException)
                {
                }
            }));

            Assert.Equal(8, writes.Count(w => w.IsFaulted && w.Exception!.InnerException is ChatKitNotFoundException));
            Assert.Equal(32, writes.Count(w => w.IsCompletedSuccessfully));
        }

        var stored = await store.LoadThreadItemsAsync("thr_1", null, 1000, SortOrder.Asc, Alice);
        Assert.Equal(5 * 32, stored.Data.Count);
        Assert.DoesNotContain(stored.Data, i => i.Id[^1] is '3' or '7');
    }

    private static AssistantMessageItem Message(string threadId, string id) => new()
    {
        Id = id,
        ThreadId = threadId,
        CreatedAt = T0,
        Content = [new AssistantMessageContent { Text = id }],
    };
}
