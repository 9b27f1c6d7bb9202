using ChatKit.Stores;

namespace ChatKit.Testing.StoreConformance;

/// <summary>Checks for stores that make time-ordered thread ids (the SQL stores; see <see cref="IdGenerator.NewTimeOrdered(StoreItemKind)"/>).</summary>
public static class TimeOrderedThreadIds
{
    /// <summary>
    /// Ids the store makes a millisecond apart (through <see cref="IStore{TContext}"/>) sort in the order they were made,
    /// have the <c>thr_</c> + 32 hex digits shape, and are stored and listed like any other thread.
    /// </summary>
    public static async Task AssertAsync(IStore<StoreTestContext> store)
    {
        var context = StoreTestContext.NewUser("alice"); // a user of its own: no other test's threads in the list
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(store.GenerateThreadId(context));
            NextMillisecond();
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(ids, id => Assert.Matches("^thr_[0-9a-f]{32}$", id));

        foreach (var id in ids)
        {
            await store.SaveThreadAsync(new ThreadMetadata { Id = id, CreatedAt = DateTimeOffset.UtcNow }, context);
        }

        var page = await store.LoadThreadsAsync(20, null, SortOrder.Asc, context);
        Assert.Equal(ids, page.Data.Select(t => t.Id));
    }

    /// <summary>
    /// Waits until the clock's millisecond changes: the order of time-ordered ids holds between milliseconds (within one
    /// it is random), and a short <c>Task.Delay</c> follows a coarse timer that can end within the same millisecond.
    /// </summary>
    public static void NextMillisecond()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() == now)
        {
            Thread.Sleep(0);
        }
    }
}
