using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatKit.Server;
using ChatKit.Sqlite;
using ChatKit.Stores;

namespace ChatKit.LoadTest;

/// <summary>
/// Scenario t: CPU and allocations per <c>threads.create</c> turn in-process, with no HTTP and no client: a tight loop
/// of <c>ProcessAsync</c> over the body scenario w posts, draining <see cref="StreamingResult.FrameBatches"/>. Process
/// CPU time (not wall time) divided by turns, so a machine loaded by other processes inflates it far less than a
/// throughput figure; allocations are exact (<see cref="GC.GetTotalAllocatedBytes"/>). Turns run one after another, so
/// the figure is the per-turn cost of the server code alone. Not part of <c>all</c>.
/// </summary>
public static class TurnCpuScenario
{
    public static async Task RunAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var store in options.Store.Split(','))
        {
            await RunStoreAsync(store, options, log, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RunStoreAsync(string storeName, LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        string? path = null;
        IStore<LoadContext> store;
        SqliteStore<LoadContext>? sqlite = null;
        if (storeName == "sqlite")
        {
            path = Path.Combine(Path.GetTempPath(), $"chatkit-turncpu-{Guid.NewGuid():N}.db");
            store = sqlite = new SqliteStore<LoadContext>(new SqliteStoreOptions { FilePath = path });
        }
        else
        {
            store = new InMemoryStore<LoadContext>();
        }

        try
        {
            var server = new InstantServer(store);
            var context = new LoadContext("load-user");
            var body = Encoding.UTF8.GetBytes(WrkScenario.Body(options.DeltasW));
            var turns = options.TurnsT;

            // Warm-up: long enough for tiered JIT to reach its optimized code (it recompiles in the background, and
            // that CPU would otherwise land in the first round).
            var warmUp = Stopwatch.StartNew();
            for (var i = 0; i < 2000 || warmUp.Elapsed < TimeSpan.FromSeconds(4); i++)
            {
                await TurnAsync(server, body, context, cancellationToken).ConfigureAwait(false);
            }

            // What the store keeps per turn: the live heap after a full collection, before and after the rounds.
            var retained0 = GC.GetTotalMemory(forceFullCollection: true);
            using var sampler = options.AllocationsT ? new AllocationSampler() : null;
            sampler?.Start();
            var cpu = new List<double>();
            var allocated = new List<double>();
            var gcs = new List<double>();
            for (var round = 0; round < options.RoundsT; round++)
            {
                var process = Process.GetCurrentProcess();
                var gen0 = GC.CollectionCount(0);
                var pause0 = GC.GetTotalPauseDuration();
                var gen1 = GC.CollectionCount(1);
                var gen2 = GC.CollectionCount(2);
                var bytes0 = GC.GetTotalAllocatedBytes(precise: true);
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                await RunTurnsAsync(server, body, context, turns, options.ConcurrencyT, cancellationToken).ConfigureAwait(false);

                wall.Stop();
                process.Refresh();
                var cpuUs = (process.TotalProcessorTime - cpu0).TotalMicroseconds / turns;
                var allocB = (GC.GetTotalAllocatedBytes(precise: true) - bytes0) / (double)turns;
                var gen0PerK = (GC.CollectionCount(0) - gen0) * 1000.0 / turns;
                var pauseUs = (GC.GetTotalPauseDuration() - pause0).TotalMicroseconds / turns;
                cpu.Add(cpuUs);
                allocated.Add(allocB);
                gcs.Add(gen0PerK);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"t {storeName} round {round + 1}: {cpuUs:F1} us CPU/turn, {wall.Elapsed.TotalMicroseconds / turns:F1} us wall/turn, {allocB:F0} B/turn, {gen0PerK:F2} gen0 GCs per 1000 turns, {pauseUs:F1} us GC pause/turn ({GC.CollectionCount(1) - gen1} gen1, {GC.CollectionCount(2) - gen2} gen2)"));
            }

            if (sampler is not null)
            {
                log.WriteLine($"t {storeName}: allocations by type (sampled by the runtime, share of bytes):");
                log.WriteLine(AllocationSampler.Format(sampler.Stop(top: 30)));
            }

            var retainedPerTurn = (GC.GetTotalMemory(forceFullCollection: true) - retained0) / (double)(turns * options.RoundsT);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"t {storeName}: {retainedPerTurn:F0} B/turn still live after the rounds (what the store keeps)"));

            cpu.Sort();
            allocated.Sort();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| t | {storeName} | {options.DeltasW} | {turns} x {options.RoundsT}{(options.ConcurrencyT > 1 ? $", {options.ConcurrencyT} at a time" : "")} | {cpu[cpu.Count / 2]:F1} | {cpu[0]:F1} | {allocated[allocated.Count / 2]:F0} | {Environment.ProcessorCount} cores, load {LoadAverage()} |"));
        }
        finally
        {
            sqlite?.Dispose();
            if (path is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    try
                    {
                        File.Delete(path + suffix);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        }
    }

    // Turns one after another, or spread over concurrent loops (then commits of the SQLite store are shared).
    private static async Task RunTurnsAsync(InstantServer server, byte[] body, LoadContext context, int turns, int concurrency, CancellationToken cancellationToken)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= turns)
            {
                await TurnAsync(server, body, context, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken))).ConfigureAwait(false);
    }

    private static async Task TurnAsync(InstantServer server, byte[] body, LoadContext context, CancellationToken cancellationToken)
    {
        var result = await server.ProcessAsync(body, context, cancellationToken).ConfigureAwait(false);
        if (result is not StreamingResult stream)
        {
            throw new InvalidOperationException("threads.create did not stream.");
        }

        var total = 0;
        await foreach (var batch in stream.FrameBatches().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            total += batch.Length;
        }

        if (total == 0)
        {
            throw new InvalidOperationException("The turn wrote no frames.");
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
