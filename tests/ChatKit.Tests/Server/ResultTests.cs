using System.Text;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

public sealed class ResultTests
{
    [Fact]
    public async Task WriteToAsync_writes_exactly_the_frames()
    {
        var f = new ServerFixture();
        var result = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.CreateBody("Hi")));
        using var body = new MemoryStream();
        await result.WriteToAsync(body);
        var events = Run.EventsOf(body.ToArray());
        Assert.Equal("thread.created,thread.item.done,stream_options,thread.item.done", Run.Types(events));
        Assert.EndsWith("}\n\n", Encoding.UTF8.GetString(body.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_disposed_without_being_read_releases_its_thread()
    {
        var f = new ServerFixture(options: new ChatKitServerOptions { ThreadLockTimeout = TimeSpan.FromMilliseconds(300) });
        var threadId = await f.CreateThreadAsync();

        var unread = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "first")));
        await unread.DisposeAsync();

        var next = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "second")));
        using var body = new MemoryStream();
        await next.WriteToAsync(body);
        Assert.Contains("thread.item.done", Encoding.UTF8.GetString(body.ToArray()), StringComparison.Ordinal);
        await next.DisposeAsync(); // after a full read: a no-op
    }

    [Fact]
    public async Task A_result_neither_read_nor_disposed_keeps_its_thread_until_the_lock_times_out()
    {
        var f = new ServerFixture(options: new ChatKitServerOptions { ThreadLockTimeout = TimeSpan.FromMilliseconds(200) });
        var threadId = await f.CreateThreadAsync();

        var unread = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "first")));

        var conflict = await Assert.ThrowsAsync<ChatKitConflictException>(() => f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "second")));
        Assert.Equal(409, conflict.StatusCode);
        await unread.DisposeAsync();
        await using var third = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "third")));
    }

    [Fact]
    public async Task Unknown_retry_target_is_an_empty_stream()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var result = Assert.IsType<StreamingResult>(await f.ProcessAsync($$$"""{"type":"threads.retry_after_item","params":{"thread_id":"{{{threadId}}}","item_id":"msg_nope"}}"""));
        using var body = new MemoryStream();
        await result.WriteToAsync(body);
        Assert.Equal(0, body.Length);
        Assert.Equal(2, (await f.ItemsAsync(threadId)).Count);
    }

    [Fact]
    public async Task Threads_list_without_a_limit_returns_20()
    {
        var f = new ServerFixture();
        for (var i = 0; i < 22; i++)
        {
            await f.Memory.SaveThreadAsync(new ThreadMetadata { Id = $"thr_{i:00}", CreatedAt = f.Clock.GetUtcNow() }, f.Context);
        }

        var page = Run.Json(await f.ProcessAsync("""{"type":"threads.list","params":{"limit":null}}"""))!;
        Assert.Equal(Enumerable.Range(2, 20).Reverse().Select(i => $"thr_{i:00}"), page["data"]!.AsArray().Select(t => (string?)t!["id"]));
        Assert.True((bool)page["has_more"]!);
        Assert.Equal("thr_02", (string?)page["after"]);
    }
}
