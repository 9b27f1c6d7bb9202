using ChatKit.LoadTest;

namespace ChatKit.LoadTest.Tests;

/// <summary>Scenario t (in-process CPU per turn) and its allocation sampler: completion and report shape, not timings.</summary>
public sealed class TurnCpuScenarioSmokeTests
{
    [Fact]
    public async Task Scenario_t_reports_cpu_allocations_gc_pause_and_bytes_kept_for_both_stores()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var log = new StringWriter();

        await TurnCpuScenario.RunAsync(
            new LoadOptions { Scenario = "t", Store = "memory,sqlite", TurnsT = 300, RoundsT = 1, DeltasW = 10, AllocationsT = true }, log, timeout.Token);

        var text = log.ToString();
        foreach (var store in new[] { "memory", "sqlite" })
        {
            Assert.Matches($@"t {store} round 1: [\d.]+ us CPU/turn, .* B/turn, .* us GC pause/turn", text);
            Assert.Matches($@"t {store}: -?\d+ B/turn still live after the rounds", text);
            Assert.Matches($@"\| t \| {store} \| 10 \| 300 x 1 \|", text);
            Assert.Contains($"t {store}: allocations by type", text);
        }
    }

    [Fact]
    public async Task The_sampler_names_the_types_that_were_allocated()
    {
        using var sampler = new AllocationSampler();
        sampler.Start();

        // The runtime reports a sample per ~100 KB allocated and delivers them on its own thread: allocate well past
        // that and give the listener time to catch up.
        var kept = new List<SampledMarker>();
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 50_000; i++)
            {
                kept.Add(new SampledMarker(i, i, i, i));
            }

            kept.Clear();
            await Task.Delay(100);
        }

        // The sampling is process-wide and other test classes run at the same time, so the marker's share is not
        // assertable; that it is sampled and named is.
        var sample = sampler.Stop(top: 100);
        Assert.Contains(sample, s => s.Type.Contains(nameof(SampledMarker), StringComparison.Ordinal) && s.Share > 0);
        Assert.InRange(sample.Sum(s => s.Share), 0.0, 1.0001);
    }

    private sealed record SampledMarker(long A, long B, long C, long D);
}
