using ChatKit.Stores;
using Microsoft.Extensions.Time.Testing;

namespace ChatKit.Tests.Stores;

/// <summary>The in-process lock timeout runs on the injected clock.</summary>
public sealed class InProcessThreadLocksClockTests
{
    [Fact]
    public async Task A_waiting_turn_gets_409_when_the_injected_clock_passes_the_timeout_and_not_before()
    {
        var clock = new FakeTimeProvider();
        var locks = new InProcessThreadLocks(TimeSpan.FromSeconds(30), timeProvider: clock);
        await using var first = await locks.AcquireThreadLockAsync("user", "thr_1");

        var second = locks.AcquireThreadLockAsync("user", "thr_1").AsTask();
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(2));
        var conflict = await Assert.ThrowsAsync<ChatKitConflictException>(() => second);
        Assert.Equal(409, conflict.StatusCode);
    }

    [Fact]
    public async Task A_timed_out_wait_does_not_take_the_lock_later()
    {
        var clock = new FakeTimeProvider();
        var locks = new InProcessThreadLocks(TimeSpan.FromSeconds(1), timeProvider: clock);
        var first = await locks.AcquireThreadLockAsync("user", "thr_1");
        var timedOut = locks.AcquireThreadLockAsync("user", "thr_1").AsTask();
        clock.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<ChatKitConflictException>(() => timedOut);

        await first.DisposeAsync();
        await using var third = await locks.AcquireThreadLockAsync("user", "thr_1").AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
