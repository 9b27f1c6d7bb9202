using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.LoadTest;

/// <summary>Scenario e's size: how many clients, turns, deltas and drops, and the seed of the drop points.</summary>
public sealed record ReattachOptions
{
    public string Store { get; init; } = "memory";
    public int Clients { get; init; } = 32;
    public int TurnsPerClient { get; init; } = 4;
    public int Deltas { get; init; } = 200;

    /// <summary>The model pauses about 1 ms after this many deltas, so drops land while the run is going.</summary>
    public int PauseEvery { get; init; } = 10;

    /// <summary>Each turn drops its connection between 1 and this many times (seeded).</summary>
    public int MaxDrops { get; init; } = 3;

    public int Seed { get; init; } = 17;

    /// <summary>
    /// How long finished runs keep their journal on the host: long enough that every journal of the run is still held
    /// when the heap is measured at the end, then waited out to measure the heap without them.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Measure the journals' memory (waits out the grace period once).</summary>
    public bool MeasureJournalMemory { get; init; } = true;
}

/// <summary>What scenario e saw.</summary>
public sealed record ReattachReport
{
    public required string Store { get; init; }
    public int Turns { get; init; }
    public int Resumes { get; init; }
    public long Frames { get; init; }
    public double WallMs { get; init; }
    public double TurnsPerSecond { get; init; }

    /// <summary>From sending <c>threads.resume_run</c> to its first frame.</summary>
    public double ResumeP50Ms { get; init; }
    public double ResumeP99Ms { get; init; }

    /// <summary>Managed heap (after a full GC) held by the finished runs' journals, per run; NaN when not measured.</summary>
    public double JournalKBPerRun { get; init; } = double.NaN;

    /// <summary>Every gap, duplicate, wrong text, short stored reply or failed request, one line each; must be empty.</summary>
    public List<string> Failures { get; init; } = [];

    public string Format() => FormattableString.Invariant(
        $"| e | {Store} | {Turns} | {Resumes} | {Frames} | {TurnsPerSecond:N1} | {ResumeP50Ms:F2} | {ResumeP99Ms:F2} | {(double.IsNaN(JournalKBPerRun) ? "n/a" : JournalKBPerRun.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))} | {Failures.Count} |");

    public const string Header =
        "| scenario | store | turns | re-attaches | frames | turns/s | re-attach p50 ms | re-attach p99 ms | journal KB/run (GC) | failures |\n" +
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
}

/// <summary>
/// Scenario e: concurrent clients start resumable turns, drop their connection after a random number of frames,
/// re-attach with <c>threads.resume_run</c> from the last cursor they saw (several times per turn), and check that
/// the text they assembled and the stored reply are the whole reply: no gap, no duplicate.
/// </summary>
public static class ReattachScenario
{
    public static async Task<ReattachReport> RunAsync(ReattachOptions options, CancellationToken cancellationToken)
    {
        await using var host = await ChatKitHost.StartAsync(options.Store, new InstantServerSettings(options.GracePeriod)).ConfigureAwait(false);
        using var http = NewClient();
        var expected = string.Concat(Enumerable.Repeat(InstantServer.Delta, options.Deltas));
        var prompt = $"deltas:{options.Deltas}/{options.PauseEvery}";

        // One un-measured turn warms the JIT of both request paths.
        var warmUp = new TurnOutcome();
        await RunTurnAsync(http, host.Endpoint, prompt, expected, new Random(options.Seed - 1), options.MaxDrops, warmUp, cancellationToken).ConfigureAwait(false);

        var outcomes = new TurnOutcome[options.Clients];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(c => Task.Run(async () =>
        {
            var outcome = outcomes[c] = new TurnOutcome();
            var random = new Random(options.Seed + c);
            for (var t = 0; t < options.TurnsPerClient; t++)
            {
                await RunTurnAsync(http, host.Endpoint, prompt, expected, random, options.MaxDrops, outcome, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken))).ConfigureAwait(false);
        wall.Stop();

        var journalKB = double.NaN;
        if (options.MeasureJournalMemory)
        {
            // Held: every run finished within the grace period, so their journals are all still there.
            var heapHeld = Settle();
            await Task.Delay(options.GracePeriod + TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            var heapDropped = Settle();
            var turns = options.Clients * options.TurnsPerClient;
            journalKB = (heapHeld - heapDropped) / 1024.0 / turns;
            if (wall.Elapsed > options.GracePeriod)
            {
                outcomes[0].Failures.Add(FormattableString.Invariant(
                    $"the run took {wall.Elapsed.TotalSeconds:F1} s, longer than the {options.GracePeriod.TotalSeconds:F0} s grace period: early journals were dropped before the heap was measured"));
            }
        }

        var latencies = outcomes.SelectMany(o => o.ResumeLatenciesMs).Order().ToArray();
        return new ReattachReport
        {
            Store = options.Store,
            Turns = outcomes.Sum(o => o.Turns),
            Resumes = latencies.Length,
            Frames = outcomes.Sum(o => o.Frames),
            WallMs = wall.Elapsed.TotalMilliseconds,
            TurnsPerSecond = outcomes.Sum(o => o.Turns) / wall.Elapsed.TotalSeconds,
            ResumeP50Ms = Percentile(latencies, 0.5),
            ResumeP99Ms = Percentile(latencies, 0.99),
            JournalKBPerRun = journalKB,
            Failures = [.. warmUp.Failures.Select(f => "warm-up: " + f), .. outcomes.SelectMany(o => o.Failures)],
        };
    }

    /// <summary>What one client saw over its turns.</summary>
    private sealed class TurnOutcome
    {
        public int Turns { get; set; }
        public long Frames { get; set; }
        public List<double> ResumeLatenciesMs { get; } = [];
        public List<string> Failures { get; } = [];
    }

    /// <summary>The client's view of one run: its cursor and the text it has assembled.</summary>
    private sealed class RunView
    {
        public string? ThreadId { get; set; }
        public string? RunId { get; set; }
        public long LastEvent { get; set; }
        public string? Cursor { get; set; }
        public StringBuilder Text { get; } = new();
        public string? DoneText { get; set; }
        public bool Ended { get; set; }
    }

    private static async Task RunTurnAsync(HttpClient http, Uri endpoint, string prompt, string expected, Random random, int maxDrops,
        TurnOutcome outcome, CancellationToken cancellationToken)
    {
        var view = new RunView();
        var drops = random.Next(1, maxDrops + 1);
        // Drop points are bounded by the reply's length so most land mid-reply; the run's frames are deltas + ~6.
        var span = Math.Max(2, expected.Length / InstantServer.Delta.Length / (drops + 1));
        try
        {
            var create = Request("threads.create", new JsonObject { ["input"] = Input(prompt) });
            await ReadAsync(http, endpoint, create, view, outcome, dropAfter: random.Next(2, span + 2), resumeLatency: null, cancellationToken).ConfigureAwait(false);
            if (view.ThreadId is null)
            {
                outcome.Failures.Add("the turn's stream carried no thread.created before it was dropped");
                return;
            }

            for (var attach = 1; !view.Ended; attach++)
            {
                if (attach > maxDrops + 1)
                {
                    outcome.Failures.Add($"{view.ThreadId}: the run did not end after {attach - 1} re-attaches");
                    return;
                }

                var resume = Request("threads.resume_run", new JsonObject { ["thread_id"] = view.ThreadId, ["after"] = view.Cursor });
                var dropAfter = attach < drops ? random.Next(1, span + 1) : int.MaxValue;
                await ReadAsync(http, endpoint, resume, view, outcome, dropAfter, outcome.ResumeLatenciesMs, cancellationToken).ConfigureAwait(false);
            }

            if (view.Text.ToString() != expected)
            {
                outcome.Failures.Add($"{view.ThreadId}: the assembled deltas are {view.Text.Length} characters, expected {expected.Length} (gap or duplicate)");
            }

            if (view.DoneText != expected)
            {
                outcome.Failures.Add($"{view.ThreadId}: the assistant message's done item does not hold the whole reply");
            }

            var stored = await StoredReplyAsync(http, endpoint, view.ThreadId, cancellationToken).ConfigureAwait(false);
            if (stored != expected)
            {
                outcome.Failures.Add($"{view.ThreadId}: the stored reply is {stored?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"} characters, expected {expected.Length}");
            }

            outcome.Turns++;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or InvalidOperationException)
        {
            outcome.Failures.Add($"{view.ThreadId ?? "(no thread)"}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Posts and reads SSE frames into <paramref name="view"/>; closes the connection after <paramref name="dropAfter"/>
    /// frames, or returns when the stream ends (then the run has ended).
    /// </summary>
    private static async Task ReadAsync(HttpClient http, Uri endpoint, string body, RunView view, TurnOutcome outcome, int dropAfter,
        List<double>? resumeLatency, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = NewRequest(endpoint, body);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{JsonNode.Parse(body)!["type"]} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var pending = new List<byte>();
        var buffer = new byte[8192];
        var frames = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            pending.AddRange(buffer.AsSpan(0, read));
            while (IndexOfFrameEnd(pending) is var end && end >= 0)
            {
                var frame = Encoding.UTF8.GetString(pending.GetRange(0, end).ToArray());
                pending.RemoveRange(0, end + 2);
                if (frames++ == 0 && resumeLatency is not null)
                {
                    resumeLatency.Add((Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency);
                }

                outcome.Frames++;
                Apply(frame, view, outcome);
                if (frames >= dropAfter)
                {
                    // Disposing the response mid-body closes the HTTP/1.1 connection: the drop.
                    return;
                }
            }
        }

        view.Ended = true;
    }

    /// <summary>Checks the frame's cursor follows the last one without a gap and adds its text.</summary>
    private static void Apply(string frame, RunView view, TurnOutcome outcome)
    {
        string? id = null, data = null;
        foreach (var line in frame.Split('\n'))
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        if (id is not null)
        {
            var dot = id.LastIndexOf('.');
            var run = id[..dot];
            var n = long.Parse(id.AsSpan(dot + 1), provider: System.Globalization.CultureInfo.InvariantCulture);
            view.RunId ??= run;
            if (run != view.RunId || n != view.LastEvent + 1)
            {
                outcome.Failures.Add($"{view.ThreadId}: event {id} after {view.RunId}.{view.LastEvent} (gap or duplicate)");
            }

            view.LastEvent = n;
            view.Cursor = id;
        }

        if (data is null)
        {
            return;
        }

        var node = JsonNode.Parse(data)!;
        var updateType = (string?)node["update"]?["type"];
        var itemType = (string?)node["item"]?["type"];
        switch ((string?)node["type"])
        {
            case "thread.created":
                view.ThreadId = node["thread"]!["id"]!.GetValue<string>();
                break;
            case "thread.item.updated" when updateType == "assistant_message.content_part.text_delta":
                view.Text.Append(node["update"]!["delta"]!.GetValue<string>());
                break;
            case "thread.item.done" when itemType == "assistant_message":
                view.DoneText = node["item"]!["content"]![0]!["text"]!.GetValue<string>();
                break;
            case "error":
                outcome.Failures.Add($"{view.ThreadId}: error event {data}");
                break;
        }
    }

    private static async Task<string?> StoredReplyAsync(HttpClient http, Uri endpoint, string threadId, CancellationToken cancellationToken)
    {
        using var request = NewRequest(endpoint, Request("threads.get_by_id", new JsonObject { ["thread_id"] = threadId }));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var thread = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!;
        var message = thread["items"]?["data"]?.AsArray().LastOrDefault(i => i?["type"]?.GetValue<string>() == "assistant_message");
        return message?["content"]?.AsArray().FirstOrDefault()?["text"]?.GetValue<string>();
    }

    private static HttpClient NewClient() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        // Otherwise disposing a half-read response drains the rest to reuse the connection: no drop at all.
        MaxResponseDrainSize = 0,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static HttpRequestMessage NewRequest(Uri endpoint, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("ChatKit-Resumable", "1");
        return request;
    }

    private static JsonObject Input(string text) => new()
    {
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
        ["attachments"] = new JsonArray(),
        ["inference_options"] = new JsonObject(),
    };

    private static string Request(string type, JsonObject parameters) => new JsonObject { ["type"] = type, ["params"] = parameters }.ToJsonString();

    private static int IndexOfFrameEnd(List<byte> bytes)
    {
        for (var i = 0; i + 1 < bytes.Count; i++)
        {
            if (bytes[i] == (byte)'\n' && bytes[i + 1] == (byte)'\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
