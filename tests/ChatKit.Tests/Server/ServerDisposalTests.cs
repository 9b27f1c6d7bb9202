using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>
/// A server made for less time than its store (per tenant, per scope) is let go by the store's run exchange once it
/// is disposed: the exchange would otherwise keep every such server, and call each on every stop request.
/// </summary>
public sealed class ServerDisposalTests
{
    // Keeps the stop handlers registered with it, as a real exchange does.
    private sealed class HandlerKeepingExchange : IRunExchange<TestContext>
    {
        private readonly List<Action<string>> _handlers = [];

        public int Handlers => _handlers.Count;

        public IDisposable OnStopRequested(Action<string> stop)
        {
            _handlers.Add(stop);
            return new Unregister(() => _handlers.Remove(stop));
        }

        public ValueTask AppendAsync(string runId, string threadId, TestContext context, RunEventBatch batch, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;

        public ValueTask<RunStatus?> FindRunAsync(string threadId, TestContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<RunStatus?>(null);

        public ValueTask<RunEvents> ReadAsync(string runId, long after, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new RunEvents { Batches = [], IsEnded = true, IsLive = false });

        public IRunWatch Watch(string runId) => throw new NotSupportedException("not followed in these tests");

        public ValueTask RequestStopAsync(string runId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask EndAbandonedAsync(string runId, IReadOnlyList<ReadOnlyMemory<byte>> notice, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;

        public ValueTask ForgetAsync(string runId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        private sealed class Unregister(Action action) : IDisposable
        {
            private Action? _action = action;

            public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
        }
    }

    private sealed class ExchangeStore(IRunExchange<TestContext> exchange) : InMemoryStore<TestContext>, IRunExchangeProvider<TestContext>
    {
        public IRunExchange<TestContext> RunExchange => exchange;
    }

    [Fact]
    public void Servers_made_and_disposed_over_one_store_leave_no_registration_behind()
    {
        var exchange = new HandlerKeepingExchange();
        var store = new ExchangeStore(exchange);

        for (var i = 0; i < 100; i++)
        {
            using var server = new TestServer(store);
            Assert.Equal(1, exchange.Handlers);
        }

        Assert.Equal(0, exchange.Handlers);
    }

    [Fact]
    public void Disposing_twice_is_harmless_and_a_live_server_keeps_its_registration()
    {
        var exchange = new HandlerKeepingExchange();
        var store = new ExchangeStore(exchange);
        using var kept = new TestServer(store);
        var disposed = new TestServer(store);
        Assert.Equal(2, exchange.Handlers);

        disposed.Dispose();
        disposed.Dispose();

        Assert.Equal(1, exchange.Handlers);
    }

    [Fact]
    public async Task A_disposed_server_still_answers_requests()
    {
        var store = new ExchangeStore(new HandlerKeepingExchange());
        var server = new TestServer(store);
        server.Dispose();

        var listed = await server.ProcessAsync(Run.Body("""{"type":"threads.list","params":{}}"""), TestContext.Alice);
        Assert.IsType<JsonResult>(listed);
    }
}
