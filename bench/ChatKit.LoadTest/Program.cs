using System.Text.Json;
using ChatKit.LoadTest;

var options = new LoadOptions();
for (var i = 0; i < args.Length; i++)
{
    options = args[i] switch
    {
        "--quick" => options with { Quick = true },
        "--scenario" => options with { Scenario = args[++i] },
        "--store" => options with { Store = args[++i] },
        "--idle-seconds" => options with { IdleSeconds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--json" => options with { JsonPath = args[++i] },
        "--wrk" => options with { WrkPath = args[++i] },
        "--wrk-in-process" => options with { WrkInProcess = true },
        "--connections" => options with { ConnectionsW = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--seconds" => options with { SecondsW = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--rounds" => options with { RoundsW = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--deltas" => options with { DeltasW = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--t-turns" => options with { TurnsT = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--t-concurrency" => options with { ConcurrencyT = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--t-allocations" => options with { AllocationsT = true },
        "--t-rounds" => options with { RoundsT = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--clients" => options with { ClientsE = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--turns" => options with { TurnsE = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--reply-deltas" => options with { DeltasE = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--sqlite-checkpoint-pages" => SetCheckpointPages(options, int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture)),
        "--floor-work-us" => options with { FloorWorkMicroseconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --quick, --scenario a|b|c|d|e|w|all|serve (serve: one host until Ctrl+C, SIGTERM or the end of stdin, for profiling, --store memory|sqlite|floor; w: wrk, only by name; --wrk PATH --connections N --seconds S --rounds N --deltas N; t: in-process CPU per turn, --store memory,sqlite --deltas N --t-turns N --t-rounds N --t-concurrency N --t-allocations; e: re-attach, --clients N --turns N --reply-deltas N), --store memory|sqlite (a-c, e), --idle-seconds N, --json out.json, --floor-work-us N, --sqlite-checkpoint-pages N"),
    };
}

if (options.Scenario == "t")
{
    // In-process CPU per turn (no HTTP): --store memory,sqlite --deltas N --t-turns N --t-rounds N --t-concurrency N.
    Console.WriteLine("| scenario | store | deltas | turns | CPU us/turn (median) | CPU us/turn (min) | B allocated/turn | machine |");
    Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
    using var tTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
    await TurnCpuScenario.RunAsync(options, Console.Out, tTimeout.Token);
    return;
}

if (options.Scenario == "serve")
{
    await ServeScenario.RunAsync(options, Console.Out);
    return;
}

Console.WriteLine(LoadHarness.Header);
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(options.Quick ? 2 : 10));
var report = await LoadHarness.RunAsync(options, Console.Out, timeout.Token);
Console.WriteLine();
Console.WriteLine("| scenario | store | metric | chatkit | floor | value | every round | target | |");
Console.WriteLine("| --- | --- | --- | ---: | ---: | ---: | --- | --- | --- |");
foreach (var c in report.Comparisons)
{
    Console.WriteLine(LoadHarness.Format(c));
}

Console.WriteLine();
Console.WriteLine($"{report.Machine}; total {report.TotalSeconds:F1} s");
if (options.JsonPath is { } path)
{
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
}

static LoadOptions SetCheckpointPages(LoadOptions options, int pages)
{
    ChatKitHost.SqliteCheckpointPages = pages;
    return options;
}
