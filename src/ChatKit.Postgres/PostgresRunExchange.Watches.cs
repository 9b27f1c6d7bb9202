using ChatKit.Stores;

namespace ChatKit.Postgres;

// Followers' watches on runs, and stop-handler registrations.
public sealed partial class PostgresRunExchange<TContext>
{
    private void Unwatch(RunWatch watch)
    {
        lock (_gate)
        {
            if (_watches.TryGetValue(watch.RunId, out var list) && list.Remove(watch) && list.Count == 0)
            {
                _watches.Remove(watch.RunId);
            }
        }
    }

    private sealed class RunWatch(PostgresRunExchange<TContext> owner, string runId) : IRunWatch
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string RunId => runId;

        public Task Changed
        {
            get
            {
                lock (_gate)
                {
                    return _next.Task;
                }
            }
        }

        public void Signal()
        {
            TaskCompletionSource woken;
            lock (_gate)
            {
                woken = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            woken.TrySetResult();
        }

        public void Dispose() => owner.Unwatch(this);
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
