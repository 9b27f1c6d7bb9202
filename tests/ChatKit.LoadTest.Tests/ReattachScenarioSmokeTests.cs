using ChatKit.LoadTest;

namespace ChatKit.LoadTest.Tests;

public sealed class ReattachScenarioSmokeTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Clients_that_drop_and_reattach_mid_run_get_the_whole_reply_without_gap_or_duplicate(string store)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var options = new ReattachOptions
        {
            Store = store,
            Clients = 4,
            TurnsPerClient = 2,
            Deltas = 80,
            MaxDrops = 3,
            GracePeriod = TimeSpan.FromSeconds(5),
            MeasureJournalMemory = false,
        };

        var report = await ReattachScenario.RunAsync(options, timeout.Token);

        // Gaps, duplicates, a wrong done item, a short stored reply and failed requests are all failures.
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures));
        Assert.Equal(options.Clients * options.TurnsPerClient, report.Turns);
        // Every turn drops at least once, so every turn re-attaches at least once.
        Assert.True(report.Resumes >= report.Turns, report.Format());
        Assert.True(report.ResumeP50Ms > 0, report.Format());
    }
}
