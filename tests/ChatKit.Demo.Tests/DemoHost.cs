using ChatKit.Demo;
using ChatKit.Testing.Hosting;
using ChatKit.Testing.Http;

namespace ChatKit.Demo.Tests;

/// <summary>The real demo app on Kestrel, on a free loopback port, with its own data directory.</summary>
public sealed class DemoHost : IAsyncDisposable
{
    private readonly TestWebHost _host;

    private DemoHost(TestWebHost host, string dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
    }

    /// <summary>Where the demo keeps its data.</summary>
    public string DataDirectory { get; }

    /// <summary>The root URL, e.g. http://127.0.0.1:43121/.</summary>
    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The ChatKit endpoint.</summary>
    public Uri Endpoint => _host.Endpoint;

    /// <summary>Starts the demo; pass a data directory to reuse one (restart tests).</summary>
    public static async Task<DemoHost> StartAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= TestWebHost.CreateDirectory("chatkit-demo-test-");
        string[] args = ["--urls", TestWebHost.LoopbackUrl, "--ChatKit:DataDirectory", dataDirectory, "--Logging:LogLevel:Default", "Warning", .. extraArgs];
        // A directory passed in belongs to the restart test, which reuses it after this host is gone.
        var host = await TestWebHost.StartAsync(DemoApplication.Create(args), owns ? dataDirectory : null);
        return new DemoHost(host, dataDirectory);
    }

    /// <summary>A client with its own cookie jar (a new anonymous user unless cookies are shared).</summary>
    public ChatKitHttpClient CreateClient(System.Net.CookieContainer? cookies = null) => new(Endpoint, cookies);

    /// <summary>Stops the app, keeping the data directory.</summary>
    public Task StopAsync() => _host.StopAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
