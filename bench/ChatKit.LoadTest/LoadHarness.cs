using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatKit.LoadTest;

/// <summary>Command-line options.</summary>
public sealed record LoadOptions
{
    public bool Quick { get; init; }

    /// <summary>a, b, c, d, e or all (or a comma-separated list; w only by name).</summary>
    public string Scenario { get; init; } = "all";

    /// <summary>The store of the streaming scenarios (a, b, c): memory or sqlite. Scenario d always runs both.</summary>
    public string Store { get; init; } = "memory";

    public int IdleSeconds { get; init; } = 30;

    /// <summary>Synthetic CPU per streamed frame added to the floor (calibration; 0 = the real floor).</summary>
    public double FloorWorkMicroseconds { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>Alternating floor/ChatKit rounds of scenarios a, b and d; the median round is reported.</summary>
    public int Rounds => Quick ? 1 : 5;

    /// <summary>Seconds of warm-up per host and scenario before the first measured round.</summary>
    public double WarmUpSeconds => Quick ? 0 : 2;

    public int TurnsA => Quick ? 2 : 20;
    public int DeltasA => Quick ? 100 : 1000;
    public int ConcurrentB => Quick ? 10 : 200;
    public int DeltasB => Quick ? 20 : 100;
    public int StreamsC => Quick ? 20 : 1000;
    public int HoldSecondsC => Quick ? 1 : IdleSeconds;
    public int SecondsD => Quick ? 1 : 2;
    public int WorkersD => Quick ? 4 : 32;

    /// <summary>Scenario w (wrk): the client binary, connections, seconds per run, rounds and deltas per turn.</summary>
    public string WrkPath { get; init; } = "wrk";

    /// <summary>Scenario w with its three hosts in this process (as before session 6) instead of one process each.</summary>
    public bool WrkInProcess { get; init; }
    public int ConnectionsW { get; init; } = 32;
    public double SecondsW { get; init; } = 5;
    // A host in its own process warms up alone: a fresh process took 8-16 s of load to reach its steady rate (tiered
    // JIT); in one process the hosts share their compiled code.
    public double WarmUpSecondsW => Quick ? 1 : WrkInProcess ? 2 : 12;

    /// <summary>Scenario t (in-process CPU per turn): turns per round and rounds.</summary>
    public int TurnsT { get; init; } = 20000;
    public int RoundsT { get; init; } = 5;
    public int ConcurrencyT { get; init; } = 1;

    /// <summary>Scenario t also lists the types allocated most (<see cref="AllocationSampler"/>).</summary>
    public bool AllocationsT { get; init; }

    /// <summary>Scenario e (re-attach): concurrent clients, resumable turns per client, deltas per turn.</summary>
    public int ClientsE { get; init; } = 32;
    public int TurnsE { get; init; } = 4;
    public int DeltasE { get; init; } = 200;
    public int RoundsW { get; init; } = 5;
    public int DeltasW { get; init; } = 100;
}

/// <summary>One measured run of one scenario against one host.</summary>
public sealed record LoadRow
{
    public required string Scenario { get; init; }
    public required string Store { get; init; }
    public required string Host { get; init; }
    public int Requests { get; init; }
    public long Events { get; init; }
    public double WallMs { get; init; }
    /// <summary>events/s for streams, requests/s for JSON.</summary>
    public double Throughput { get; init; }
    public string Unit { get; init; } = "ev/s";
    public double P50Ms { get; init; }
    public double P99Ms { get; init; }
    public double TtfeP50Ms { get; init; }
    public double TtfeP99Ms { get; init; }
    public double BytesPerSec { get; init; }
    /// <summary>Process CPU time during the run (server and load generator share the process).</summary>
    public double CpuMs { get; init; }
    public double PeakWorkingSetMB { get; init; }
    public double PeakGcHeapMB { get; init; }
    /// <summary>Scenario c: managed heap growth per open stream (after a full GC).</summary>
    public double GcKBPerStream { get; init; }
    /// <summary>Scenario c: working-set growth per open stream.</summary>
    public double WorkingSetKBPerStream { get; init; }
}

/// <summary>ChatKit against the floor, per scenario and store.</summary>
public sealed record LoadComparison(string Scenario, string Store, string Metric, double ChatKit, double Floor, double Value, string Target, bool Met)
{
    /// <summary>The value in every round, in the order they ran (the reported value is the median round's).</summary>
    public double[] Rounds { get; init; } = [];
}

public sealed record LoadReport(List<LoadRow> Rows, List<LoadComparison> Comparisons, string Machine, double TotalSeconds)
{
    /// <summary>Scenario e, one per store it ran on.</summary>
    public List<ReattachReport> Reattach { get; init; } = [];
}

/// <summary>Runs the scenarios: each against the floor first, then ChatKit, in one process.</summary>
public static class LoadHarness
{
    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var rows = new List<LoadRow>();
        var comparisons = new List<LoadComparison>();
        var run = options.Scenario.ToLowerInvariant();
        bool Want(string s) => run is "all" || run.Split(',').Contains(s);

        if (run.Split(',').Contains("w"))
        {
            // wrk measures its own hosts; it is only run when asked for by name.
            await WrkScenario.RunAsync(options, comparisons, log, cancellationToken).ConfigureAwait(false);
        }

        using var client = new LoadClient();
        await using var floor = await FloorHost.StartAsync().ConfigureAwait(false);
        floor.WorkPerFrame = TimeSpan.FromTicks((long)(options.FloorWorkMicroseconds * 10));

        if (Want("a") || Want("b") || Want("c"))
        {
            await using var chatkit = await ChatKitHost.StartAsync(options.Store).ConfigureAwait(false);
            var store = options.Store;
            if (Want("a"))
            {
                var key = await CaptureStreamAsync(client, chatkit, floor, options.DeltasA, cancellationToken).ConfigureAwait(false);
                foreach (LoadHost host in new LoadHost[] { floor, chatkit })
                {
                    await WarmUpAsync(options, () => SequentialAsync(client, host, key, options.DeltasA, 2, cancellationToken)).ConfigureAwait(false);
                }

                await RoundsAsync(options, rows, comparisons, "a", store, floor, chatkit,
                    host => MeasureAsync("a", store, host, "ev/s", () => SequentialAsync(client, host, key, options.DeltasA, options.TurnsA, cancellationToken)),
                    log).ConfigureAwait(false);
            }

            if (Want("b"))
            {
                var key = await CaptureStreamAsync(client, chatkit, floor, options.DeltasB, cancellationToken).ConfigureAwait(false);
                foreach (LoadHost host in new LoadHost[] { floor, chatkit })
                {
                    await WarmUpAsync(options, () => ConcurrentAsync(client, host, key, options.DeltasB, Math.Min(options.ConcurrentB, 20), cancellationToken)).ConfigureAwait(false);
                }

                await RoundsAsync(options, rows, comparisons, "b", store, floor, chatkit,
                    host => MeasureAsync("b", store, host, "ev/s", () => ConcurrentAsync(client, host, key, options.DeltasB, options.ConcurrentB, cancellationToken)),
                    log).ConfigureAwait(false);
            }

            if (Want("c"))
            {
                var body = Body(CreateThread("idle"));
                var (response, stream, _, frames) = await client.OpenAsync(chatkit.Endpoint, body, "idle", "thread.item.added", keepFrames: true, cancellationToken).ConfigureAwait(false);
                await stream.DisposeAsync().ConfigureAwait(false);
                response.Dispose();
                floor.SetIdle("idle", [.. frames]);
                foreach (LoadHost host in new LoadHost[] { floor, chatkit })
                {
                    await IdleAsync(client, host, body, Math.Min(options.StreamsC, 20), 0, cancellationToken).ConfigureAwait(false);
                    var row = await IdleAsync(client, host, body, options.StreamsC, options.HoldSecondsC, cancellationToken).ConfigureAwait(false);
                    row = row with { Store = store };
                    Print(log, row);
                    rows.Add(row);
                }

                var f = rows.Last(r => r.Scenario == "c" && r.Host == "floor");
                var c = rows.Last(r => r.Scenario == "c" && r.Host == "chatkit");
                var perStream = Math.Max(c.GcKBPerStream, c.WorkingSetKBPerStream) - Math.Max(f.GcKBPerStream, f.WorkingSetKBPerStream);
                comparisons.Add(new LoadComparison("c", store, "KB per idle stream over floor (max of GC heap, working set)",
                    Math.Max(c.GcKBPerStream, c.WorkingSetKBPerStream), Math.Max(f.GcKBPerStream, f.WorkingSetKBPerStream), perStream, "< 64 KB", perStream < 64));
                comparisons.Add(new LoadComparison("c", store, "ttfe p50 delta ms", c.TtfeP50Ms, f.TtfeP50Ms, c.TtfeP50Ms - f.TtfeP50Ms, "< 2 ms", c.TtfeP50Ms - f.TtfeP50Ms < 2));
            }
        }

        if (Want("d"))
        {
            foreach (var store in new[] { "memory", "sqlite" })
            {
                await using var chatkit = await ChatKitHost.StartAsync(store).ConfigureAwait(false);
                var mix = await SeedAndCaptureAsync(client, chatkit, floor, store, cancellationToken).ConfigureAwait(false);
                foreach (LoadHost host in new LoadHost[] { floor, chatkit })
                {
                    await WarmUpAsync(options, () => SaturateAsync(client, host, mix, options.WorkersD, TimeSpan.FromMilliseconds(250), cancellationToken)).ConfigureAwait(false);
                }

                await RoundsAsync(options, rows, comparisons, "d", store, floor, chatkit,
                    host => MeasureAsync("d", store, host, "req/s", () => SaturateAsync(client, host, mix, options.WorkersD, TimeSpan.FromSeconds(options.SecondsD), cancellationToken)),
                    log).ConfigureAwait(false);
            }
        }

        var reattach = new List<ReattachReport>();
        if (Want("e"))
        {
            var e = await ReattachScenario.RunAsync(new ReattachOptions
            {
                Store = options.Store,
                Clients = options.Quick ? 4 : options.ClientsE,
                TurnsPerClient = options.Quick ? 2 : options.TurnsE,
                Deltas = options.Quick ? 60 : options.DeltasE,
                GracePeriod = TimeSpan.FromSeconds(options.Quick ? 5 : 30),
                MeasureJournalMemory = !options.Quick,
            }, cancellationToken).ConfigureAwait(false);
            log.WriteLine(ReattachReport.Header);
            log.WriteLine(e.Format());
            foreach (var failure in e.Failures)
            {
                log.WriteLine("  failure: " + failure);
            }

            reattach.Add(e);
            comparisons.Add(new LoadComparison("e", options.Store, "re-attach failures (gap, duplicate, short reply)", e.Failures.Count, 0, e.Failures.Count, "0", e.Failures.Count == 0));
        }

        total.Stop();
        return new LoadReport(rows, comparisons, Machine(), total.Elapsed.TotalSeconds) { Reattach = reattach };
    }

    // Runs until the JIT has settled (tier-1 code with dynamic PGO needs a few hundred calls of each method and a
    // background compile): measuring the first turns measures the JIT, not the server.
    private static async Task WarmUpAsync(LoadOptions options, Func<Task> run)
    {
        var until = Stopwatch.GetTimestamp() + (long)(options.WarmUpSeconds * Stopwatch.Frequency);
        do
        {
            await run().ConfigureAwait(false);
        }
        while (Stopwatch.GetTimestamp() < until);
    }

    /// <summary>
    /// Measures floor and ChatKit alternately for several rounds (the order flips every round, so drift in the
    /// machine's load hits both hosts alike) and keeps the round with the median ratio.
    /// </summary>
    private static async Task RoundsAsync(LoadOptions options, List<LoadRow> rows, List<LoadComparison> comparisons, string scenario, string store,
        LoadHost floor, LoadHost chatkit, Func<LoadHost, Task<LoadRow>> measure, TextWriter log)
    {
        var rounds = new List<(LoadRow Floor, LoadRow ChatKit)>();
        for (var round = 0; round < options.Rounds; round++)
        {
            LoadRow f, c;
            if (round % 2 == 0)
            {
                f = await measure(floor).ConfigureAwait(false);
                c = await measure(chatkit).ConfigureAwait(false);
            }
            else
            {
                c = await measure(chatkit).ConfigureAwait(false);
                f = await measure(floor).ConfigureAwait(false);
            }

            rounds.Add((f, c));
        }

        var ratios = rounds.Select(r => r.ChatKit.Throughput / r.Floor.Throughput).ToArray();
        var median = rounds.OrderBy(r => r.ChatKit.Throughput / r.Floor.Throughput).ElementAt(rounds.Count / 2);
        Print(log, median.Floor);
        Print(log, median.ChatKit);
        rows.Add(median.Floor);
        rows.Add(median.ChatKit);

        var unit = scenario == "d" ? "req/s" : "ev/s";
        var target = scenario == "d" ? (store == "sqlite" ? 0.3 : 0.5) : 0.7;
        var ratio = median.ChatKit.Throughput / median.Floor.Throughput;
        comparisons.Add(new LoadComparison(scenario, store, $"{unit} ratio to floor", median.ChatKit.Throughput, median.Floor.Throughput, ratio, $">= {target}", ratio >= target)
        {
            Rounds = ratios,
        });
        if (scenario != "d")
        {
            var deltas = rounds.Select(r => r.ChatKit.TtfeP50Ms - r.Floor.TtfeP50Ms).ToArray();
            var delta = median.ChatKit.TtfeP50Ms - median.Floor.TtfeP50Ms;
            comparisons.Add(new LoadComparison(scenario, store, "ttfe p50 delta ms", median.ChatKit.TtfeP50Ms, median.Floor.TtfeP50Ms, delta, "< 2 ms", delta < 2)
            {
                Rounds = deltas,
            });
        }
    }

    // ---- request bodies ----------------------------------------------------------------------------------------

    private static JsonObject Input(string text) => new()
    {
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
        ["attachments"] = new JsonArray(),
        ["inference_options"] = new JsonObject(),
    };

    private static string Request(string type, JsonObject parameters) => new JsonObject { ["type"] = type, ["params"] = parameters }.ToJsonString();

    private static string CreateThread(string text) => Request("threads.create", new JsonObject { ["input"] = Input(text) });

    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);

    // ---- capture -----------------------------------------------------------------------------------------------

    /// <summary>Runs one ChatKit turn of <paramref name="deltas"/> and hands its exact frames to the floor.</summary>
    private static async Task<string> CaptureStreamAsync(LoadClient client, ChatKitHost chatkit, FloorHost floor, int deltas, CancellationToken cancellationToken)
    {
        var raw = await client.RawAsync(chatkit.Endpoint, Body(CreateThread($"deltas:{deltas}")), cancellationToken).ConfigureAwait(false);
        var frames = LoadClient.SplitFrames(raw);
        if (frames.Length < deltas + 4)
        {
            throw new InvalidOperationException($"Expected at least {deltas + 4} frames, got {frames.Length}: {Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, 2000)])}");
        }

        var key = $"stream-{deltas}";
        floor.SetStream(key, frames);
        return key;
    }

    /// <summary>The non-streaming mix: pre-seeded threads and items, and the ChatKit response of each request for the floor.</summary>
    private static async Task<(string Key, byte[] Body)[]> SeedAndCaptureAsync(LoadClient client, ChatKitHost chatkit, FloorHost floor, string store, CancellationToken cancellationToken)
    {
        string? threadId = null;
        for (var i = 0; i < 30; i++)
        {
            var raw = await client.RawAsync(chatkit.Endpoint, Body(CreateThread("deltas:20")), cancellationToken).ConfigureAwait(false);
            threadId ??= JsonNode.Parse(Encoding.UTF8.GetString(LoadClient.SplitFrames(raw)[0]).AsSpan(6).ToString())!["thread"]!["id"]!.GetValue<string>();
        }

        for (var i = 0; i < 10; i++)
        {
            var add = Request("threads.add_user_message", new JsonObject { ["thread_id"] = threadId, ["input"] = Input("deltas:20") });
            await client.RawAsync(chatkit.Endpoint, Body(add), cancellationToken).ConfigureAwait(false);
        }

        var mix = new (string Key, byte[] Body)[]
        {
            ($"{store}-threads.list", Body(Request("threads.list", new JsonObject { ["limit"] = 20, ["order"] = "desc" }))),
            ($"{store}-items.list", Body(Request("items.list", new JsonObject { ["thread_id"] = threadId, ["limit"] = 20, ["order"] = "desc" }))),
            ($"{store}-threads.get_by_id", Body(Request("threads.get_by_id", new JsonObject { ["thread_id"] = threadId }))),
        };
        foreach (var (key, body) in mix)
        {
            floor.SetJson(key, await client.RawAsync(chatkit.Endpoint, body, cancellationToken).ConfigureAwait(false));
        }

        return mix;
    }

    // ---- scenarios ---------------------------------------------------------------------------------------------

    private static async Task<List<RequestResult>> SequentialAsync(LoadClient client, LoadHost host, string key, int deltas, int turns, CancellationToken cancellationToken)
    {
        var body = Body(CreateThread($"deltas:{deltas}"));
        var results = new List<RequestResult>(turns);
        for (var i = 0; i < turns; i++)
        {
            results.Add(await client.StreamAsync(host.Endpoint, body, key, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private static async Task<List<RequestResult>> ConcurrentAsync(LoadClient client, LoadHost host, string key, int deltas, int concurrent, CancellationToken cancellationToken)
    {
        var body = Body(CreateThread($"deltas:{deltas}"));
        var tasks = new Task<RequestResult>[concurrent];
        for (var i = 0; i < concurrent; i++)
        {
            tasks[i] = Task.Run(() => client.StreamAsync(host.Endpoint, body, key, cancellationToken), cancellationToken);
        }

        return [.. await Task.WhenAll(tasks).ConfigureAwait(false)];
    }

    private static async Task<List<RequestResult>> SaturateAsync(LoadClient client, LoadHost host, (string Key, byte[] Body)[] mix, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = new List<RequestResult>[workers];
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var index = w;
            perWorker[index] = [];
            tasks[index] = Task.Run(async () =>
            {
                var n = index;
                while (Stopwatch.GetTimestamp() < until)
                {
                    var (key, body) = mix[n++ % mix.Length];
                    perWorker[index].Add(await client.JsonAsync(host.Endpoint, body, key, cancellationToken).ConfigureAwait(false));
                }
            }, cancellationToken);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return [.. perWorker.SelectMany(r => r)];
    }

    /// <summary>Scenario c: opens <paramref name="streams"/> idle streams, holds them, measures memory growth per stream, closes them.</summary>
    private static async Task<LoadRow> IdleAsync(LoadClient client, LoadHost host, byte[] body, int streams, int holdSeconds, CancellationToken cancellationToken)
    {
        var (heapBefore, wsBefore) = Settle();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        using var close = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var open = new (HttpResponseMessage Response, Stream Body, RequestResult Result, List<byte[]> Frames)[streams];
        using var gate = new SemaphoreSlim(64);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, streams).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                open[i] = await client.OpenAsync(host.Endpoint, body, "idle", "thread.item.added", keepFrames: false, close.Token).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        var openedMs = wall.Elapsed.TotalMilliseconds;

        var (heapOpen, wsOpen) = Settle();
        double peakWs = wsOpen, peakHeap = heapOpen;
        for (var s = 0; s < holdSeconds; s++)
        {
            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
            using var p = Process.GetCurrentProcess();
            peakWs = Math.Max(peakWs, p.WorkingSet64);
            peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
        }

        var (heapHeld, wsHeld) = holdSeconds > 0 ? Settle() : (heapOpen, wsOpen);
        close.Cancel();
        foreach (var o in open)
        {
            await o.Body.DisposeAsync().ConfigureAwait(false);
            o.Response.Dispose();
        }

        // Give the server a moment to observe the disconnects and run its clean-up before the next run.
        await Task.Delay(holdSeconds > 0 ? 1000 : 200, cancellationToken).ConfigureAwait(false);
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var results = open.Select(o => o.Result).ToList();
        var ttfe = results.Select(r => Ms(r.FirstEventTicks - r.StartTicks)).Order().ToArray();
        var latency = results.Select(r => Ms(r.EndTicks - r.StartTicks)).Order().ToArray();
        return new LoadRow
        {
            Scenario = "c",
            Store = "",
            Host = host.Name,
            Requests = streams,
            Events = results.Sum(r => (long)r.Events),
            WallMs = openedMs,
            Throughput = streams / (openedMs / 1000),
            Unit = "opens/s",
            P50Ms = Percentile(latency, 0.5),
            P99Ms = Percentile(latency, 0.99),
            TtfeP50Ms = Percentile(ttfe, 0.5),
            TtfeP99Ms = Percentile(ttfe, 0.99),
            BytesPerSec = results.Sum(r => r.Bytes) / (openedMs / 1000),
            CpuMs = cpu,
            PeakWorkingSetMB = peakWs / 1048576.0,
            PeakGcHeapMB = peakHeap / 1048576.0,
            GcKBPerStream = (Math.Max(heapOpen, heapHeld) - heapBefore) / 1024.0 / streams,
            WorkingSetKBPerStream = (Math.Max(wsOpen, wsHeld) - wsBefore) / 1024.0 / streams,
        };
    }

    private static (long Heap, long WorkingSet) Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var p = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), p.WorkingSet64);
    }

    // ---- measurement -------------------------------------------------------------------------------------------

    private static async Task<LoadRow> MeasureAsync(string scenario, string store, LoadHost host, string unit, Func<Task<List<RequestResult>>> run)
    {
        Settle();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        double peakWs = 0, peakHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var p = Process.GetCurrentProcess();
                peakWs = Math.Max(peakWs, p.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(50, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var wall = Stopwatch.StartNew();
        var results = await run().ConfigureAwait(false);
        wall.Stop();
        await stop.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var seconds = wall.Elapsed.TotalSeconds;
        var events = results.Sum(r => (long)r.Events);
        var latency = results.Select(r => Ms(r.EndTicks - r.StartTicks)).Order().ToArray();
        var ttfe = results.Select(r => Ms(r.FirstEventTicks - r.StartTicks)).Order().ToArray();
        return new LoadRow
        {
            Scenario = scenario,
            Store = store,
            Host = host.Name,
            Requests = results.Count,
            Events = events,
            WallMs = wall.Elapsed.TotalMilliseconds,
            Throughput = (unit == "req/s" ? results.Count : events) / seconds,
            Unit = unit,
            P50Ms = Percentile(latency, 0.5),
            P99Ms = Percentile(latency, 0.99),
            TtfeP50Ms = Percentile(ttfe, 0.5),
            TtfeP99Ms = Percentile(ttfe, 0.99),
            BytesPerSec = results.Sum(r => r.Bytes) / seconds,
            CpuMs = cpu,
            PeakWorkingSetMB = peakWs / 1048576.0,
            PeakGcHeapMB = peakHeap / 1048576.0,
        };
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    // ---- output ------------------------------------------------------------------------------------------------

    public static string Header =>
        "| scenario | store | host | requests | events | throughput | p50 ms | p99 ms | ttfe p50 ms | ttfe p99 ms | MB/s | CPU ms | peak WS MB | peak heap MB | KB/stream (GC / WS) |\n" +
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    public static string Format(LoadRow r) =>
        FormattableString.Invariant($"| {r.Scenario} | {r.Store} | {r.Host} | {r.Requests} | {r.Events} | {r.Throughput:N0} {r.Unit} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.TtfeP50Ms:F2} | {r.TtfeP99Ms:F2} | {r.BytesPerSec / 1048576:F1} | {r.CpuMs:F0} | {r.PeakWorkingSetMB:F0} | {r.PeakGcHeapMB:F0} | ") +
        (r.Scenario == "c" ? FormattableString.Invariant($"{r.GcKBPerStream:F1} / {r.WorkingSetKBPerStream:F1} |") : "|");

    public static string Format(LoadComparison c) =>
        FormattableString.Invariant($"| {c.Scenario} | {c.Store} | {c.Metric} | {c.ChatKit:N2} | {c.Floor:N2} | {c.Value:N2} | {string.Join(" ", c.Rounds.Select(r => r.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} | {c.Target} | {(c.Met ? "met" : "MISSED")} |");

    private static void Print(TextWriter log, LoadRow row) => log.WriteLine(Format(row));

    private static string Machine() =>
        FormattableString.Invariant($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {LoadAverage()}");

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
