using System.Runtime.CompilerServices;
using ChatKit.Server;
using ChatKit.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit.Abstractions;

namespace ChatKit.Tests.Server;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "allocation";
}

/// <summary>Metrics cost nothing per streamed event: a turn's extra allocations do not grow with its length.</summary>
[Collection(AllocationCollection.Name)]
public sealed class MetricsAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Metrics_add_a_fixed_cost_per_turn_not_per_text_delta()
    {
        using var meters = new TestMeterFactory();

        // Listened to, as an exporter would: a measurement per event would then allocate a record per event.
        string[] counters = ["chatkit.turns.started", "chatkit.turns.completed", "chatkit.streams.active", "chatkit.events.streamed"];
        var collectors = counters.Select(name => new MetricCollector<long>(meters, ChatKitMetrics.MeterName, name)).ToList();
        using var requests = new MetricCollector<double>(meters, ChatKitMetrics.MeterName, "chatkit.request.duration");
        using var store = new MetricCollector<double>(meters, ChatKitMetrics.MeterName, "chatkit.store.operation.duration");
        var metrics = new ChatKitMetrics(meters);
        var metered = await ExtraBytesAsync(metrics, deltas: 200);
        var meteredLong = await ExtraBytesAsync(metrics, deltas: 5_000);
        output.WriteLine($"bytes allocated by a metered turn over a plain one: {metered} (200 deltas), {meteredLong} (5,000 deltas)");

        // 4,800 more deltas: one allocation each would be well over 100 KB.
        Assert.True(meteredLong - metered < 16 * 1024, $"{meteredLong - metered} more bytes for 4,800 more deltas");
        Assert.True(collectors[3].GetMeasurementSnapshot().EvaluateAsCounter() > 5_000);
        collectors.ForEach(c => c.Dispose());
    }

    // Bytes a turn with metrics allocates beyond the same turn without (median of several runs).
    private static async Task<long> ExtraBytesAsync(ChatKitMetrics metrics, int deltas)
    {
        var withMetrics = new List<long>();
        var without = new List<long>();
        for (var run = 0; run < 7; run++)
        {
            without.Add(await TurnBytesAsync(null, deltas));
            withMetrics.Add(await TurnBytesAsync(metrics, deltas));
        }

        return Median(withMetrics) - Median(without);
    }

    private static async Task<long> TurnBytesAsync(ChatKitMetrics? metrics, int deltas)
    {
        var f = new ServerFixture(metrics: metrics);
        f.Server.Respond = (s, t, _, c, ct) => Deltas(s, t, c, deltas, ct);
        var body = Run.Body(ServerFixture.CreateBody("hi"));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = (StreamingResult)await f.Server.ProcessAsync(body, f.Context);
        await foreach (var e in result.Events)
        {
            GC.KeepAlive(e);
        }

        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static async IAsyncEnumerable<ThreadStreamEvent> Deltas(TestServer server, ThreadMetadata thread, TestContext context, int count, [EnumeratorCancellation] CancellationToken ct)
    {
        var message = server.Message(thread, context, "");
        yield return new ThreadItemAddedEvent { Item = message };
        var delta = new ThreadItemUpdatedEvent { ItemId = message.Id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "x" } };
        for (var i = 0; i < count; i++)
        {
            yield return delta;
        }

        await Task.CompletedTask;
    }

    private static long Median(List<long> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
