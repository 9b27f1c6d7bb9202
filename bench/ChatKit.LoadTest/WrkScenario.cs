using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatKit.LoadTest;

/// <summary>
/// Scenario w: <c>wrk</c> (an external, C, keep-alive HTTP/1.1 client) posts <c>threads.create</c> turns of N deltas
/// at three hosts in turn: the floor (replaying ChatKit's captured frames, one flush per frame), ChatKit on the
/// in-memory store and ChatKit on SQLite. The client runs outside the .NET process, so the server's CPU is measured
/// without the in-process client's share; rounds alternate the order of the hosts and the median ratio is reported.
/// Not part of <c>all</c>: it needs the <c>wrk</c> binary.
/// </summary>
public static partial class WrkScenario
{
    /// <summary>The <c>X-Floor</c> key under which the floor host keeps the canned turn that wrk's requests get.</summary>
    public const string FloorKey = "wrk";

    /// <summary>The <c>threads.create</c> body of a turn of <paramref name="deltas"/> deltas.</summary>
    public static string Body(int deltas) => new JsonObject
    {
        ["type"] = "threads.create",
        ["params"] = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = $"deltas:{deltas}" }),
                ["attachments"] = new JsonArray(),
                ["inference_options"] = new JsonObject(),
            },
        },
    }.ToJsonString();

    public static async Task RunAsync(LoadOptions options, List<LoadComparison> comparisons, TextWriter log, CancellationToken cancellationToken)
    {
        var wrk = options.WrkPath;
        var body = Body(options.DeltasW);
        (string Name, Uri Endpoint)[] hosts;
        var owned = new List<IAsyncDisposable>();
        try
        {
            if (options.WrkInProcess)
            {
                // All three hosts in this process, as before session 6 (one host's GC can land in another's round).
                using var client = new LoadClient();
                var floor = await FloorHost.StartAsync().ConfigureAwait(false);
                owned.Add(floor);
                var memory = await ChatKitHost.StartAsync("memory").ConfigureAwait(false);
                owned.Add(memory);
                var sqlite = await ChatKitHost.StartAsync("sqlite").ConfigureAwait(false);
                owned.Add(sqlite);
                var raw = await client.RawAsync(memory.Endpoint, Encoding.UTF8.GetBytes(body), cancellationToken).ConfigureAwait(false);
                floor.SetStream(FloorKey, LoadClient.SplitFrames(raw));
                hosts = [("floor", floor.Endpoint), ("memory", memory.Endpoint), ("sqlite", sqlite.Endpoint)];
            }
            else
            {
                // Each host in a process of its own (scenario serve): nothing of one host runs during another's round.
                var started = new List<(string, Uri)>();
                foreach (var name in new[] { "floor", "memory", "sqlite" })
                {
                    var child = await HostProcess.StartAsync(name, options, cancellationToken).ConfigureAwait(false);
                    owned.Add(child);
                    started.Add((name, child.Endpoint));
                }

                hosts = [.. started];
            }

            await RunRoundsAsync(wrk, body, hosts, options, comparisons, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var host in owned)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task RunRoundsAsync(
        string wrk, string body, (string Name, Uri Endpoint)[] hosts, LoadOptions options, List<LoadComparison> comparisons, TextWriter log, CancellationToken cancellationToken)
    {

        var directory = Directory.CreateTempSubdirectory("chatkit-wrk-");
        try
        {
            var script = Path.Combine(directory.FullName, "post.lua");
            await File.WriteAllTextAsync(script, Script(body, FloorKey), cancellationToken).ConfigureAwait(false);
            foreach (var (_, endpoint) in hosts)
            {
                await RunWrkAsync(wrk, script, endpoint, options.ConnectionsW, options.WarmUpSecondsW, cancellationToken).ConfigureAwait(false);
            }

            var rounds = new List<Dictionary<string, WrkResult>>();
            for (var round = 0; round < options.RoundsW; round++)
            {
                // Rotate the order, so drift in the shared machine's load hits every host alike.
                var results = new Dictionary<string, WrkResult>();
                for (var i = 0; i < hosts.Length; i++)
                {
                    var (name, endpoint) = hosts[(round + i) % hosts.Length];
                    results[name] = await RunWrkAsync(wrk, script, endpoint, options.ConnectionsW, options.SecondsW, cancellationToken).ConfigureAwait(false);
                }

                log.WriteLine(FormattableString.Invariant(
                    $"w round {round + 1}: floor {results["floor"].RequestsPerSecond:F0} req/s, memory {results["memory"].RequestsPerSecond:F0} req/s, sqlite {results["sqlite"].RequestsPerSecond:F0} req/s; memory/floor {results["memory"].RequestsPerSecond / results["floor"].RequestsPerSecond:F2}, sqlite/memory {results["sqlite"].RequestsPerSecond / results["memory"].RequestsPerSecond:F2}"));
                rounds.Add(results);
            }

            Compare(comparisons, rounds, "memory", "floor", $"turns/s ratio to floor (wrk, {options.DeltasW} deltas, {options.ConnectionsW} connections)", 0.7);
            Compare(comparisons, rounds, "sqlite", "memory", "turns/s ratio to ChatKit on memory (wrk)", 0.25);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void Compare(List<LoadComparison> comparisons, List<Dictionary<string, WrkResult>> rounds, string subject, string baseline, string metric, double target)
    {
        var ratios = rounds.Select(r => r[subject].RequestsPerSecond / r[baseline].RequestsPerSecond).ToArray();
        var median = rounds.OrderBy(r => r[subject].RequestsPerSecond / r[baseline].RequestsPerSecond).ElementAt(rounds.Count / 2);
        var value = median[subject].RequestsPerSecond / median[baseline].RequestsPerSecond;
        comparisons.Add(new LoadComparison("w", subject, metric, median[subject].RequestsPerSecond, median[baseline].RequestsPerSecond, value, $">= {target}", value >= target)
        {
            Rounds = ratios,
        });
    }

    // The floor ignores the body but picks its canned reply by header; ChatKit ignores the header.
    private static string Script(string body, string floorKey) =>
        $"""
        wrk.method = "POST"
        wrk.body = [==[{body}]==]
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["X-Floor"] = "{floorKey}"
        """;

    private static async Task<WrkResult> RunWrkAsync(string wrk, string script, Uri endpoint, int connections, double seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t1", $"-c{connections}", FormattableString.Invariant($"-d{Math.Max(1, (int)Math.Round(seconds))}s"), "--timeout", "10s", "-s", script, endpoint.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {wrk}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = await output.ConfigureAwait(false);
        if (process.ExitCode != 0 || RequestsPerSecond().Match(text) is not { Success: true } rate)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {text} {await error.ConfigureAwait(false)}");
        }

        // A non-2xx answer or a socket error would make the rate meaningless.
        if (text.Contains("Non-2xx", StringComparison.Ordinal) || text.Contains("Socket errors", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk saw failed requests: {text}");
        }

        return new WrkResult(double.Parse(rate.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    private readonly record struct WrkResult(double RequestsPerSecond);
}
