using System.Diagnostics;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>
/// Turns are admitted in order: ownership first (another user's thread is a 404 at once, never a wait), then the
/// user's turn slots, then the thread's bounded queue. Whatever is refused is refused at once and the server keeps
/// serving.
/// </summary>
public sealed class TurnLimitsTests
{
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Another_users_turn_on_a_busy_thread_is_a_404_at_once_not_a_wait()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        await using var running = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "long answer")));

        f.Context = TestContext.Bob;
        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<ChatKitException>(() => f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "sneaky")).WaitAsync(AtOnce));
        Assert.Equal(404, error.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, AtOnce);
    }

    [Fact]
    public async Task Turns_past_the_queue_of_a_thread_get_429_at_once_and_the_queue_drains()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var running = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "first")));
        var queued = f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "second"));
        await Task.Delay(100);
        Assert.False(queued.IsCompleted);

        var error = await Assert.ThrowsAnyAsync<ChatKitException>(() => f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "third")).WaitAsync(AtOnce));
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("thread_busy", error.Code);

        await running.DisposeAsync();
        await using (Assert.IsType<StreamingResult>(await queued.WaitAsync(AtOnce)))
        {
        }

        var events = await f.StreamAsync(ServerFixture.AddMessageBody(threadId, "fourth"));
        Assert.Contains("thread.item.done", Run.Types(events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_past_the_concurrent_turn_cap_gets_429_while_others_are_served()
    {
        var f = new ServerFixture();
        var threads = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            threads.Add(await f.CreateThreadAsync($"thread {i}"));
        }

        var running = new List<ChatKitResult>();
        for (var i = 0; i < 4; i++)
        {
            running.Add(await f.ProcessAsync(ServerFixture.AddMessageBody(threads[i], "busy")));
        }

        var error = await Assert.ThrowsAnyAsync<ChatKitException>(() => f.ProcessAsync(ServerFixture.AddMessageBody(threads[4], "one too many")).WaitAsync(AtOnce));
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("too_many_turns", error.Code);
        await Assert.ThrowsAnyAsync<ChatKitException>(() => f.ProcessAsync(ServerFixture.CreateBody("new thread")).WaitAsync(AtOnce));

        // Another user is not affected, and non-streaming requests of the capped user still work.
        f.Context = TestContext.Bob;
        Assert.Equal("thread.created", (string?)(await f.StreamAsync(ServerFixture.CreateBody("bob")))[0]["type"]);
        f.Context = TestContext.Alice;
        Assert.NotNull(await f.JsonAsync("""{"type":"threads.list","params":{}}"""));

        await ((StreamingResult)running[0]).DisposeAsync();
        var events = await f.StreamAsync(ServerFixture.AddMessageBody(threads[4], "now it fits"));
        Assert.Contains("thread.item.done", Run.Types(events), StringComparison.Ordinal);
        foreach (var result in running.Skip(1))
        {
            await ((StreamingResult)result).DisposeAsync();
        }
    }

    [Fact]
    public async Task The_turn_limits_are_options()
    {
        var f = new ServerFixture(options: new ChatKitServerOptions { MaxConcurrentTurnsPerUser = 1, MaxQueuedTurnsPerThread = 0, BusyRetryAfter = TimeSpan.FromSeconds(7) });
        var first = await f.CreateThreadAsync();
        var second = await f.CreateThreadAsync();
        await using var running = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.AddMessageBody(first, "busy")));

        var busy = await Assert.ThrowsAsync<ChatKitTooManyRequestsException>(() => f.ProcessAsync(ServerFixture.AddMessageBody(second, "x")));
        Assert.Equal("too_many_turns", busy.Code);
        Assert.Equal(TimeSpan.FromSeconds(7), busy.RetryAfter);
    }

    [Fact]
    public async Task In_process_locks_are_keyed_by_user_and_thread_and_bound_their_queue()
    {
        var locks = new InProcessThreadLocks(TimeSpan.FromSeconds(5), maxQueued: 1, retryAfter: TimeSpan.FromSeconds(2));
        var alice = await locks.AcquireThreadLockAsync("alice", "thr_1");

        // The same thread id of another user is another lock.
        await using (await locks.AcquireThreadLockAsync("bob", "thr_1").AsTask().WaitAsync(AtOnce))
        {
        }

        var waiting = locks.AcquireThreadLockAsync("alice", "thr_1").AsTask();
        var refused = await Assert.ThrowsAsync<ChatKitTooManyRequestsException>(() => locks.AcquireThreadLockAsync("alice", "thr_1").AsTask());
        Assert.Equal(TimeSpan.FromSeconds(2), refused.RetryAfter);

        await alice.DisposeAsync();
        await using var next = await waiting.WaitAsync(AtOnce);
    }
}
