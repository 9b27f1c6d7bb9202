using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatKit.Testing.Hosting;

/// <summary>
/// An in-process web app started on Kestrel at a free loopback port: the part every test host shares (the address it
/// got, its services, stopping it and removing the scratch directory it owns). Hosts build their app as they need
/// (usually from <see cref="CreateBuilder"/>) and keep only what is particular to them.
/// </summary>
public sealed class TestWebHost : IAsyncDisposable
{
    /// <summary>The URL that makes Kestrel pick a free port on the loopback interface.</summary>
    public const string LoopbackUrl = "http://127.0.0.1:0";

    private readonly string? _ownedDirectory;
    private bool _stopped;

    private TestWebHost(WebApplication app, Uri baseAddress, string? ownedDirectory)
    {
        App = app;
        BaseAddress = baseAddress;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>The running app.</summary>
    public WebApplication App { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>The root URL, e.g. http://127.0.0.1:43121/ (with the trailing slash, so relative paths resolve below it).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The ChatKit endpoint when it is mapped at <c>/chatkit</c>.</summary>
    public Uri Endpoint => new(BaseAddress, "chatkit");

    /// <summary>
    /// A builder for a full app (configuration, host filtering, the default services) bound to a free loopback port,
    /// logging warnings and worse only (so test output stays readable), with <paramref name="settings"/> layered over
    /// its configuration.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(LoopbackUrl);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        return builder;
    }

    /// <summary>
    /// A slim builder (no host filtering, no default logging providers) bound to a free loopback port, for tests that
    /// look at the ChatKit endpoint alone.
    /// </summary>
    public static WebApplicationBuilder CreateSlimBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls(LoopbackUrl);
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>The root URL a started <paramref name="app"/> listens on (it must listen on exactly one address).</summary>
    public static Uri AddressOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Once started, Urls are the addresses the server bound (the real port in place of :0).
        return new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    /// <summary>
    /// Starts <paramref name="app"/>; the host owns it from then on, and <paramref name="ownedDirectory"/> too (deleted
    /// on dispose). When the app does not start, both are cleaned up before the error surfaces.
    /// </summary>
    public static async Task<TestWebHost> StartAsync(WebApplication app, string? ownedDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            DeleteDirectory(ownedDirectory);
            throw;
        }

        return new TestWebHost(app, AddressOf(app), ownedDirectory);
    }

    /// <summary>A new scratch directory whose name starts with <paramref name="prefix"/>, for a host to own.</summary>
    public static string CreateDirectory(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A plain HTTP client of <see cref="BaseAddress"/>.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Stops and disposes the app, keeping the owned directory (restart tests start another app over it).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        DeleteDirectory(_ownedDirectory);
    }

    private static void DeleteDirectory(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a late SQLite handle) only leaves litter in the temp folder; the test result stands.
        }
    }
}
