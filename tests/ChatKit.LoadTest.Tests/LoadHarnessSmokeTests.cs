using ChatKit.LoadTest;

namespace ChatKit.LoadTest.Tests;

public sealed class LoadHarnessSmokeTests
{
    [Fact]
    public async Task Quick_run_completes_every_scenario_against_both_hosts_and_reports()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var log = new StringWriter();

        var report = await LoadHarness.RunAsync(new LoadOptions { Quick = true }, log, timeout.Token);

        // Only completion and shape: timings on a shared CI machine are not assertable.
        foreach (var scenario in new[] { "a", "b", "c" })
        {
            foreach (var host in new[] { "floor", "chatkit" })
            {
                var row = Assert.Single(report.Rows, r => r.Scenario == scenario && r.Host == host);
                Assert.True(row.Requests > 0 && row.Events > 0, LoadHarness.Format(row));
            }
        }

        foreach (var store in new[] { "memory", "sqlite" })
        {
            foreach (var host in new[] { "floor", "chatkit" })
            {
                var row = Assert.Single(report.Rows, r => r.Scenario == "d" && r.Store == store && r.Host == host);
                Assert.True(row.Requests > 0, LoadHarness.Format(row));
            }
        }

        // Same bytes from both hosts: the floor replays what ChatKit sent, so event counts per request match.
        foreach (var scenario in new[] { "a", "b" })
        {
            var floor = report.Rows.Single(r => r.Scenario == scenario && r.Host == "floor");
            var chatkit = report.Rows.Single(r => r.Scenario == scenario && r.Host == "chatkit");
            Assert.Equal(floor.Events / floor.Requests, chatkit.Events / chatkit.Requests);
        }

        Assert.Equal(6, report.Comparisons.Count(c => c.Scenario is "a" or "b" or "c"));
        Assert.Equal(2, report.Comparisons.Count(c => c.Scenario == "d"));
        // Scenario e checks its own results: any gap, duplicate or short reply is a failure.
        var reattach = Assert.Single(report.Reattach);
        Assert.True(reattach.Turns > 0 && reattach.Failures.Count == 0, string.Join("\n", reattach.Failures));
        Assert.NotEmpty(log.ToString());
    }
}
