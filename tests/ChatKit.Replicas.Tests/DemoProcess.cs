using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatKit.Testing.Http;

namespace ChatKit.Replicas.Tests;

/// <summary>
/// The demo app as a separate OS process (<c>dotnet ChatKit.Demo.dll</c>, copied next to the tests by the project
/// reference) on a free loopback port, on PostgreSQL, with a given data directory (Data Protection keys live there).
/// </summary>
public sealed class DemoProcess : IDisposable
{
    private const string TimeoutTool = "/usr/bin/timeout";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DemoProcess(Process process, string name, Uri baseAddress)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
    }

    /// <summary>A label for messages ("A", "B").</summary>
    public string Name { get; }

    /// <summary>The root URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The ChatKit endpoint.</summary>
    public Uri Endpoint => new(BaseAddress, "chatkit");

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the demo and waits until it answers HTTP.</summary>
    public static async Task<DemoProcess> StartAsync(string name, string connectionString, string dataDirectory)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ChatKit.Demo.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: the test project references the demo so that the build copies it.");
        }

        var port = FreePort();
        // Under coreutils `timeout` when available, so a host outlives a crashed test run by minutes at most.
        var underTimeout = File.Exists(TimeoutTool);
        var start = new ProcessStartInfo(underTimeout ? TimeoutTool : DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        string[] arguments =
        [
            .. underTimeout ? ["-s", "KILL", $"{(int)MaxLifetime.TotalSeconds}", DotnetHost()] : Array.Empty<string>(),
            dll,
            "--urls", $"http://127.0.0.1:{port}",
            "--ChatKit:Store", "postgres",
            "--ChatKit:Postgres:ConnectionString", connectionString,
            "--ChatKit:DataDirectory", dataDirectory,

            // A host killed mid-run is noticed by the other once its run's lease lapses: short, so the tests wait little.
            "--ChatKit:Postgres:RunLeaseDuration", "00:00:02",
            "--Logging:LogLevel:Default", "Warning",

            // The tests play a crowd of users from one address, several turns each at once: the per-address rate
            // limit and the per-user turn cap of a public demo would refuse them (docs/reliability.md).
            "--ChatKit:RateLimiting:AnonymousPermitLimit", "100000",
            "--ChatKit:MaxConcurrentTurnsPerUser", "100",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment.Remove("OPENAI_API_KEY"); // always the offline assistant

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the demo.");
        var host = new DemoProcess(process, name, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>A client of this host; pass a shared cookie jar to act as the same (anonymous) user on every host.</summary>
    public ChatKitHttpClient CreateClient(CookieContainer cookies) => new(Endpoint, cookies);

    /// <summary>Kills the process at once (no graceful shutdown) and waits for it to be gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Demo host {Name} exited with {_process.ExitCode} during startup:\n{Output}");
            }

            try
            {
                // Any HTTP answer means Kestrel is listening (static files are not copied next to the tests: 404).
                using var response = await http.GetAsync(BaseAddress);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Demo host {Name} did not answer within {StartupTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
