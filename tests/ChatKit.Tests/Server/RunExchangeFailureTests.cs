using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>
/// A store's run exchange failing (its database down) while runs of other hosts are looked up or followed: the load
/// still answers, a follower ends with a retryable error event, and the server keeps serving.
/// </summary>
public sealed class RunExchangeFailureTests
{
    // A run of another host that is live, but whose events cannot be read (or that cannot be looked up at all).
    private sealed class BrokenExchange(bool findFails) : IRunExchange<TestContext>
    {
        public int Reads { get; private set; }

        public ValueTask AppendAsync(string runId, string threadId, TestContext context, RunEventBatch batch, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the database is down");

        public ValueTask<RunStatus?> FindRunAsync(string threadId, TestContext context, CancellationToken cancellationToken = default) =>
            findFails
                ? throw new InvalidOperationException("the database is down")
                : ValueTask.FromResult<RunStatus?>(new RunStatus { Id = "run_elsewhere", LastSeq = 3, IsEnded = false, IsLive = true });

        public ValueTask<RunEvents> ReadAsync(string runId, long after, CancellationToken cancellationToken = default)
        {
            Reads++;
            throw new InvalidOperationException("the database is down");
        }

        public IRunWatch Watch(string runId) => new NeverChanged();

        public ValueTask RequestStopAsync(string runId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public IDisposable OnStopRequested(Action<string> stop) => new NeverChanged();

        public ValueTask EndAbandonedAsync(string runId, IReadOnlyList<ReadOnlyMemory<byte>> notice, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the database is down");

        public ValueTask ForgetAsync(string runId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class NeverChanged : IRunWatch
    {
        public Task Changed { get; } = new TaskCompletionSource().Task;

        public void Dispose()
        {
        }
    }

    private sealed class ExchangeStore(IRunExchange<TestContext> exchange) : InMemoryStore<TestContext>, IRunExchangeProvider<TestContext>
    {
        public IRunExchange<TestContext> RunExchange => exchange;
    }

    private static string Request(string type, string threadId) =>
        new JsonObject { ["type"] = type, ["params"] = new JsonObject { ["thread_id"] = threadId } }.ToJsonString();

    // A thread whose run (marked in it) is another host's.
    private static async Task<string> MarkedThreadAsync(InMemoryStore<TestContext> store)
    {
        var thread = new ThreadMetadata { Id = "thr_marked", CreatedAt = DateTimeOffset.UtcNow };
        RunMarker.Set(thread, "run_elsewhere");
        await store.SaveThreadAsync(thread, TestContext.Alice);
        return thread.Id;
    }

    [Fact]
    public async Task A_follower_whose_exchange_fails_gets_a_retryable_error_event_and_the_server_keeps_serving()
    {
        var exchange = new BrokenExchange(findFails: false);
        var store = new ExchangeStore(exchange);
        var threadId = await MarkedThreadAsync(store);
        var server = new TestServer(store);

        var result = await server.ProcessAsync(Run.Body(Request("threads.resume_run", threadId)), TestContext.Alice, ChatKitRequestOptions.Resumable);
        var events = Run.EventsOf(await Run.SseBodyAsync(result).WaitAsync(TimeSpan.FromSeconds(20)));

        var error = Assert.Single(events);
        Assert.Equal("error", (string)error["type"]!);
        Assert.Equal(ErrorEvent.StreamErrorCode, (string)error["code"]!);
        Assert.True((bool)error["allow_retry"]!);
        Assert.True(exchange.Reads > 1, "a failed read is retried before giving up");

        var listed = await server.ProcessAsync(Run.Body("""{"type":"threads.list","params":{}}"""), TestContext.Alice);
        Assert.IsType<JsonResult>(listed);
    }

    [Fact]
    public async Task A_load_answers_when_the_exchange_fails_and_leaves_the_run_it_could_not_check_alone()
    {
        var store = new ExchangeStore(new BrokenExchange(findFails: true));
        var threadId = await MarkedThreadAsync(store);
        var server = new TestServer(store);

        var loaded = JsonNode.Parse(Assert.IsType<JsonResult>(await server.ProcessAsync(Run.Body(Request("threads.get_by_id", threadId)), TestContext.Alice)).Json.Span)!;
        Assert.Equal(threadId, (string)loaded["id"]!);
        Assert.Null(loaded["active_run"]);

        // Not closed: the run may well be alive on its host, which the exchange could not tell.
        Assert.Empty((await store.LoadThreadItemsAsync(threadId, null, 10, SortOrder.Asc, TestContext.Alice)).Data);
        Assert.True(RunMarker.IsSet(await store.LoadThreadAsync(threadId, TestContext.Alice)));
    }

    // A run of another host whose host died (never ended, lease lapsed) and that stays so: whoever closes it cannot
    // publish the notice (the exchange refuses it), and no other closer comes.
    private sealed class DeadRunExchange : IRunExchange<TestContext>
    {
        public int EndAttempts { get; private set; }

        public ValueTask AppendAsync(string runId, string threadId, TestContext context, RunEventBatch batch, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;

        public ValueTask<RunStatus?> FindRunAsync(string threadId, TestContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<RunStatus?>(new RunStatus { Id = "run_elsewhere", LastSeq = 0, IsEnded = false, IsLive = false });

        public ValueTask<RunEvents> ReadAsync(string runId, long after, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new RunEvents { Batches = [], IsEnded = false, IsLive = false });

        public IRunWatch Watch(string runId) => new NeverChanged();

        public ValueTask RequestStopAsync(string runId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public IDisposable OnStopRequested(Action<string> stop) => new NeverChanged();

        public ValueTask EndAbandonedAsync(string runId, IReadOnlyList<ReadOnlyMemory<byte>> notice, CancellationToken cancellationToken = default)
        {
            EndAttempts++;
            throw new InvalidOperationException("the database is down");
        }

        public ValueTask ForgetAsync(string runId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_follower_that_closes_a_dead_run_whose_notice_cannot_be_published_sends_the_notice_itself()
    {
        var exchange = new DeadRunExchange();
        var store = new ExchangeStore(exchange);
        var threadId = await MarkedThreadAsync(store);
        var server = new TestServer(store);

        var result = await server.ProcessAsync(Run.Body(Request("threads.resume_run", threadId)), TestContext.Alice, ChatKitRequestOptions.Resumable);
        var events = Run.EventsOf(await Run.SseBodyAsync(result).WaitAsync(TimeSpan.FromSeconds(20)));

        var last = Assert.Single(events);
        Assert.Equal("thread.item.done", (string)last["type"]!);
        Assert.Equal(TestServer.InterruptedRunNotice, (string)last["item"]!["task"]!["title"]!);
        Assert.Equal(1, exchange.EndAttempts);
        Assert.False(RunMarker.IsSet(await store.LoadThreadAsync(threadId, TestContext.Alice)));
        Assert.Contains((await store.LoadThreadItemsAsync(threadId, null, 10, SortOrder.Asc, TestContext.Alice)).Data, i => i is TaskItem);
    }

    [Fact]
    public async Task A_follower_of_a_dead_run_that_nobody_can_close_ends_after_a_few_tries_without_a_notice()
    {
        var store = new ExchangeStore(new DeadRunExchange());
        var threadId = await MarkedThreadAsync(store);
        var server = new TestServer(store);

        // The mark is gone already (its closer's publish was lost), so there is nothing left to close here.
        var thread = await store.LoadThreadAsync(threadId, TestContext.Alice);
        RunMarker.Clear(thread);
        await store.SaveThreadAsync(thread, TestContext.Alice);

        var result = await server.ProcessAsync(Run.Body(Request("threads.resume_run", threadId)), TestContext.Alice, ChatKitRequestOptions.Resumable);
        Assert.Empty(Run.EventsOf(await Run.SseBodyAsync(result).WaitAsync(TimeSpan.FromSeconds(20))));
        Assert.Empty((await store.LoadThreadItemsAsync(threadId, null, 10, SortOrder.Asc, TestContext.Alice)).Data);
    }
}
