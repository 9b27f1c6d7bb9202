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

    private HostProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<HostProcess> StartAsync(string store, LoadOptions options, CancellationToken cancellationToken)
    {
        // Run as "dotnet ChatKit.LoadTest.dll" or as the app host: start the child the same way.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

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

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
