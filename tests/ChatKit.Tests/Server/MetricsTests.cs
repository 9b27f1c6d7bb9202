using System.Runtime.CompilerServices;
using ChatKit.Server;
using ChatKit.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatKit.Tests.Server;

/// <summary>The <c>ChatKit.Server</c> meter: what a turn, a failure, a cancellation and a JSON request record.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly ServerFixture _f;

    public MetricsTests() => _f = new ServerFixture(metrics: new ChatKitMetrics(_meters));

    private MetricCollector<long> Counter(string name) => new(_meters, ChatKitMetrics.MeterName, name);

    private MetricCollector<double> Histogram(string name) => new(_meters, ChatKitMetrics.MeterName, name);

    [Fact]
    public async Task A_completed_turn_counts_its_start_end_events_and_duration()
    {
        using var started = Counter("chatkit.turns.started");
        using var completed = Counter("chatkit.turns.completed");
        using var failed = Counter("chatkit.turns.failed");
        using var active = Counter("chatkit.streams.active");
        using var events = Counter("chatkit.events.streamed");
        using var requests = Histogram("chatkit.request.duration");
        using var store = Histogram("chatkit.store.operation.duration");

        var streamed = await _f.StreamAsync(ServerFixture.CreateBody("hi"));

        Assert.Equal(1, started.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, completed.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(0, failed.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal([1L, -1L], active.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal(streamed.Count, events.GetMeasurementSnapshot().EvaluateAsCounter());

        var request = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal("threads.create", request.Tags[ChatKitMetrics.RequestTypeTag]);
        Assert.True(request.Value >= 0);

        var operations = store.GetMeasurementSnapshot().Select(m => (string?)m.Tags[ChatKitMetrics.StoreOperationTag]).ToHashSet();
        Assert.Contains("save_thread", operations);
        Assert.Contains("add_thread_item", operations);
    }

    [Fact]
    public async Task A_handler_failure_counts_as_failed()
    {
        _f.Server.Respond = static (_, _, _, _, _) => Throwing();
        using var failed = Counter("chatkit.turns.failed");
        using var completed = Counter("chatkit.turns.completed");

        var streamed = await _f.StreamAsync(ServerFixture.CreateBody("hi"));

        Assert.Equal("error", (string?)streamed[^1]["type"]);
        Assert.Equal(1, failed.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(0, completed.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task A_stream_left_early_counts_as_cancelled_and_leaves_no_active_stream()
    {
        _f.Server.Respond = static (s, t, _, c, ct) => Endless(s, t, c, ct);
        using var cancelled = Counter("chatkit.turns.cancelled");
        using var active = Counter("chatkit.streams.active");
        using var events = Counter("chatkit.events.streamed");

        var result = Assert.IsType<StreamingResult>(await _f.ProcessAsync(ServerFixture.CreateBody("hi")));
        var read = 0;
        await foreach (var _ in result)
        {
            if (++read == 5)
            {
                break;
            }
        }

        Assert.Equal(1, cancelled.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(0, active.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(5, events.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Json_requests_and_rejected_requests_record_their_duration_by_type()
    {
        using var requests = Histogram("chatkit.request.duration");

        await _f.ProcessAsync("""{"type":"threads.list","params":{}}""");
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => _f.ProcessAsync("""{"type":"threads.get_by_id","params":{"thread_id":"thr_missing"}}"""));

        Assert.Equal(
            ["threads.list", "threads.get_by_id"],
            requests.GetMeasurementSnapshot().Select(m => (string?)m.Tags[ChatKitMetrics.RequestTypeTag]));
    }

    [Fact]
    public async Task Without_metrics_the_server_records_nothing_and_exposes_its_own_store()
    {
        var plain = new ServerFixture();
        using var started = Counter("chatkit.turns.started");
        await plain.StreamAsync(ServerFixture.CreateBody("hi"));
        Assert.Empty(started.GetMeasurementSnapshot());
        Assert.Same(plain.Store, plain.Server.Store);
    }

    private static async IAsyncEnumerable<ThreadStreamEvent> Throwing()
    {
        await Task.Yield();
        throw new InvalidOperationException("boom");
#pragma warning disable CS0162 // an iterator needs a yield
        yield break;
#pragma warning restore CS0162
    }

    private static async IAsyncEnumerable<ThreadStreamEvent> Endless(TestServer server, ThreadMetadata thread, TestContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var message = server.Message(thread, context, "");
        yield return new ThreadItemAddedEvent { Item = message };
        while (!ct.IsCancellationRequested)
        {
            await Task.Yield();
            yield return new ThreadItemUpdatedEvent { ItemId = message.Id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "x" } };
        }
    }

    public void Dispose() => _meters.Dispose();
}
