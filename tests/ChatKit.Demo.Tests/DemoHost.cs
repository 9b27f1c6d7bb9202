using ChatKit.Demo;
using ChatKit.Testing.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChatKit.Demo.Tests;

/// <summary>The real demo app on Kestrel, on a free loopback port, with its own data directory.</summary>
public sealed class DemoHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDirectory;

    private DemoHost(WebApplication app, string dataDirectory, bool ownsDirectory, Uri baseAddress)
    {
        _app = app;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the demo keeps its data.</summary>
    public string DataDirectory { get; }

    /// <summary>The root URL, e.g. http://127.0.0.1:43121/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The ChatKit endpoint.</summary>
    public Uri Endpoint => new(BaseAddress, "chatkit");

    /// <summary>Starts the demo; pass a data directory to reuse one (restart tests).</summary>
    public static async Task<DemoHost> StartAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("chatkit-demo-test-").FullName;
        string[] args = ["--urls", "http://127.0.0.1:0", "--ChatKit:DataDirectory", dataDirectory, "--Logging:LogLevel:Default", "Warning", .. extraArgs];
        var app = DemoApplication.Create(args);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            if (owns)
            {
                Directory.Delete(dataDirectory, recursive: true);
            }

            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DemoHost(app, dataDirectory, owns, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A client with its own cookie jar (a new anonymous user unless cookies are shared).</summary>
    public ChatKitHttpClient CreateClient(System.Net.CookieContainer? cookies = null) => new(Endpoint, cookies);

    /// <summary>Stops the app, keeping the data directory.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        catch (ObjectDisposedException)
        {
        }

        await _app.DisposeAsync();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
