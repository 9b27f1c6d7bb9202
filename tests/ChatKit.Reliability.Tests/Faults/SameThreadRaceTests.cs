using System.Net;
using System.Text.Json.Nodes;
using ChatKit.Reliability.Tests.Hosting;
using ChatKit.Testing.Http;
using Xunit.Abstractions;

namespace ChatKit.Reliability.Tests.Faults;

/// <summary>
/// One user's requests racing each other on the same threads (several tabs, double clicks, a retry while a reply
/// streams, a delete while another tab writes): every answer is a success or a clear refusal (404, 409, 429), never
/// a 5xx or a torn stream, and each surviving thread takes a new turn afterwards.
/// </summary>
public sealed class SameThreadRaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Workers = 6;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    private ReliabilityHost _host = null!;

    // A paced reply (about 70 words), so that other requests land while it streams.
    public async Task InitializeAsync() => _host = await ReliabilityHost.StartAsync(chunkDelay: TimeSpan.FromMilliseconds(2));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Racing_requests_of_one_user_on_the_same_threads_get_answers_or_clear_refusals_and_leave_the_threads_working(bool resumable)
    {
        var seed = Random.Shared.Next();

        // Resumable: turns are runs (docs/protocol.md §16), and stops and re-attaches join the mix.
        using var client = new RawClient(_host.Endpoint, resumable: resumable);

        // The first request sets the anonymous user's cookie; the racing ones share it.
        var threads = new List<string> { await Turns.StartThreadAsync(client), await Turns.StartThreadAsync(client) };
        var gate = new Lock();
        var failures = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var deleted = new List<string>();
        using var stop = new CancellationTokenSource(Duration);

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed + worker);
            while (!stop.IsCancellationRequested)
            {
                string? thread;
                lock (gate)
                {
                    thread = threads.Count > 0 ? threads[random.Next(threads.Count)] : null;
                }

                if (thread is null)
                {
                    // Both were deleted; their replacements are on the way.
                    await Task.Delay(5);
                    continue;
                }

                var (name, body) = await NextRequestAsync(client, random, thread, resumable);
                var outcome = await client.PostAsync(body);
                var problem = Problem(outcome);
                lock (gate)
                {
                    var error = outcome.Events.FirstOrDefault(e => (string?)e["type"] == "error")?["code"];
                    var key = $"{name} {(int)outcome.Status}{(outcome.IsStream ? " stream" : "")}{(error is null ? "" : $" error {error}")}";
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                    if (problem is not null)
                    {
                        failures.Add($"{name} on {thread}: {problem}");
                    }
                }

                // A deleted thread is replaced; requests already sent on it race the delete, later ones go elsewhere.
                if (name == "threads.delete" && outcome.Status == HttpStatusCode.OK)
                {
                    lock (gate)
                    {
                        threads.Remove(thread);
                        deleted.Add(thread);
                    }

                    var created = await CreateThreadAsync(client);
                    lock (gate)
                    {
                        threads.Add(created);
                    }
                }
            }
        })));

        output.WriteLine($"seed {seed}, resumable {resumable}");
        foreach (var (key, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{count,5}  {key}");
        }

        Assert.True(failures.Count == 0, $"seed {seed}, resumable {resumable}: {failures.Count} bad answers:\n{string.Join("\n", failures.Take(10))}");
        Assert.True(counts.Where(p => p.Key.StartsWith("threads.add_user_message 200", StringComparison.Ordinal)).Sum(p => p.Value) > 0, "no turn got through");

        // A deleted thread stays deleted, whatever was still being written to it.
        var listed = (await client.PostAsync(ChatKitRequests.ListThreads(limit: 100))).Json!["data"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
        Assert.Empty(listed.Intersect(deleted));
        foreach (var thread in deleted)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(ChatKitRequests.GetThread(thread))).Status);
        }

        // Whatever raced, no lock was left held and no thread was left broken.
        foreach (var thread in threads)
        {
            await Turns.AssertNextTurnWorksAsync(client, thread, $"seed {seed}: the next turn on {thread}");
        }
    }

    // The user's other turns may hold all its turn slots (429) for a moment.
    private static async Task<string> CreateThreadAsync(RawClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await client.PostAsync(ChatKitRequests.CreateThread("a new thread"));
            if (outcome.Status != HttpStatusCode.TooManyRequests || attempt == 100)
            {
                return Turns.ThreadId(Turns.AssertAnswered(outcome, "threads.create"));
            }

            await Task.Delay(50);
        }
    }

    private static async Task<(string Name, string Body)> NextRequestAsync(RawClient client, Random random, string thread, bool resumable)
    {
        if (resumable && random.Next(10) == 0)
        {
            return random.Next(2) == 0
                ? ("threads.stop_run", ChatKitRequests.Request("threads.stop_run", new JsonObject { ["thread_id"] = thread }))
                : ("threads.resume_run", ChatKitRequests.Request("threads.resume_run", new JsonObject { ["thread_id"] = thread, ["after"] = null }));
        }

        switch (random.Next(100))
        {
            case < 30:
                return ("threads.add_user_message", ChatKitRequests.AddUserMessage(thread, "tell me more"));
            case < 40:
                return ("threads.update", ChatKitRequests.Request("threads.update", new JsonObject { ["thread_id"] = thread, ["title"] = $"title {random.Next(1000)}" }));
            case < 55:
                return ("items.list", ChatKitRequests.ListItems(thread, limit: 20, order: "desc"));
            case < 65:
                return ("threads.get_by_id", ChatKitRequests.GetThread(thread));
            case < 75:
                return ("threads.list", ChatKitRequests.ListThreads(limit: 10));
            case < 99:
            {
                // Items as another tab saw them a moment ago: a retry or feedback on an item that may be gone by now.
                var items = await client.PostAsync(ChatKitRequests.ListItems(thread, limit: 20, order: "desc"));
                var data = items.Json?["data"]?.AsArray() ?? [];
                var userMessage = data.FirstOrDefault(i => (string?)i!["type"] == "user_message")?["id"]?.GetValue<string>();
                var any = data.Count > 0 ? data[random.Next(data.Count)]!["id"]!.GetValue<string>() : "msg_gone";
                return random.Next(2) == 0 && userMessage is not null
                    ? ("threads.retry_after_item", ChatKitRequests.Retry(thread, userMessage))
                    : ("items.feedback", ChatKitRequests.Request("items.feedback", new JsonObject { ["thread_id"] = thread, ["item_ids"] = new JsonArray(any), ["kind"] = "negative" }));
            }

            default:
                return ("threads.delete", ChatKitRequests.DeleteThread(thread));
        }
    }

    // What is wrong with an answer, or null: a stream must end cleanly and without an error event; any other answer
    // must be a success or a refusal the client can act on.
    private static string? Problem(Outcome outcome)
    {
        if ((int)outcome.Status >= 500)
        {
            return outcome.Describe();
        }

        if (outcome.IsStream)
        {
            // The turns here cannot fail by themselves: an error event would be a race the server lost (a turn
            // writing to a thread deleted under it ended with stream.error, and brought the thread back).
            return outcome.Torn is not null || outcome.Events.Any(e => (string?)e["type"] == "error") ? outcome.Describe() : null;
        }

        return outcome.Status is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests
            ? null
            : outcome.Describe();
    }
}
