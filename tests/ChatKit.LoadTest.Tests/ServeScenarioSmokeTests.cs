using System.Text;
using ChatKit.LoadTest;

namespace ChatKit.LoadTest.Tests;

/// <summary>
/// Scenario serve in a child process, started as scenario w starts its hosts (w itself needs wrk): each host answers
/// wrk's request body with a whole turn, and stops with its totals when its stdin closes.
/// </summary>
public sealed class ServeScenarioSmokeTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "ChatKit.LoadTest.dll");

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    [InlineData("floor")]
    public async Task A_served_host_answers_wrks_body_with_a_whole_turn_and_stops_when_its_stdin_closes(string store)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        const int Deltas = 7;
        var host = await HostProcess.StartAsync(store, new LoadOptions { DeltasW = Deltas }, timeout.Token, Program);
        await using (host)
        {
            using var client = new LoadClient();
            var body = Encoding.UTF8.GetBytes(WrkScenario.Body(Deltas));

            // Twice: each request is a new thread, and the floor replays the same turn every time.
            for (var request = 0; request < 2; request++)
            {
                var frames = LoadClient.SplitFrames(await client.RawAsync(host.Endpoint, body, timeout.Token, WrkScenario.FloorKey))
                    .Select(f => Encoding.UTF8.GetString(f))
                    .ToList();
                Assert.Contains("\"thread.created\"", frames[0], StringComparison.Ordinal);
                Assert.Equal(Deltas, frames.Count(f => f.Contains("\"assistant_message.content_part.text_delta\"", StringComparison.Ordinal)));
                Assert.Contains(frames, f => f.Contains("\"thread.item.done\"", StringComparison.Ordinal) && f.Contains("\"assistant_message\"", StringComparison.Ordinal));
            }

            var totals = await host.StopAsync();
            Assert.Matches(@"GCs gen0 \d+, gen1 \d+, gen2 \d+; paused \d+ ms; allocated \d+ MB; CPU \d+ ms", totals);
        }
    }
}
