using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace ChatKit.LoadTest;

/// <summary>
/// A load host in a child process of its own (this program's scenario serve), so its heap, GC and background work
/// never share a process with the host it is compared with. Disposing closes the child's stdin, which stops it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private int _stopped;

    private HostProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Starts scenario serve for <paramref name="store"/> in a child process.</summary>
    /// <param name="store">memory, sqlite or floor.</param>
    /// <param name="options">The deltas per turn and the SQLite settings are passed on.</param>
    /// <param name="cancellationToken">Cancels the wait for the child's address.</param>
    /// <param name="program">
    /// The harness's own <c>ChatKit.LoadTest.dll</c>, run with <c>dotnet</c>; by default this process's own program,
    /// started the way this process was (tests, whose process is the test host, pass the path).
    /// </param>
    public static async Task<HostProcess> StartAsync(string store, LoadOptions options, CancellationToken cancellationToken, string? program = null)
    {
        ProcessStartInfo start;
        if (program is not null)
        {
            // The SDK's test runners say which dotnet they run on.
            start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet");
            start.ArgumentList.Add(program);
        }
        else
        {
            // Run as "dotnet ChatKit.LoadTest.dll" or as the app host: start the child the same way.
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
            start = new ProcessStartInfo(self);
            if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            }
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;

        foreach (var argument in new[] { "--scenario", "serve", "--store", store, "--deltas", options.DeltasW.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (ChatKitHost.SqliteCheckpointPages is { } pages)
        {
            start.ArgumentList.Add("--sqlite-checkpoint-pages");
            start.ArgumentList.Add(pages.ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {store} host.");
        try
        {
            // The first line is "<address> pid <pid>; body: ...".
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The {store} host ended before it said where it listens.");
            return new HostProcess(process, new Uri(line[..line.IndexOf(' ', StringComparison.Ordinal)]));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops the child by closing its stdin and returns what it wrote after its address (its GC and CPU totals); it is
    /// killed if it has not ended within 15 s.
    /// </summary>
    public async Task<string> StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return string.Empty;
        }

        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var rest = await _process.StandardOutput.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return rest;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("The host did not stop within 15 s of its stdin closing; it was killed.");
        }
        finally
        {
            _process.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Killed: nothing more to release.
        }
    }
}
