using System.Collections.Concurrent;

namespace ChatKit.OpenAI.Tests.Sessions;

/// <summary>A clock whose timers fire at once but remember how long they were asked to wait.</summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
        }

        return new ImmediateTimer(callback, state, dueTime);
    }

    private sealed class ImmediateTimer : ITimer
    {
        private int _fired;

        public ImmediateTimer(TimerCallback callback, object? state, TimeSpan dueTime)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                // Fire after the constructor returns, on the thread pool, as a real timer would.
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    if (Interlocked.Exchange(ref _fired, 1) == 0)
                    {
                        callback(state);
                    }
                });
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() => Interlocked.Exchange(ref _fired, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
