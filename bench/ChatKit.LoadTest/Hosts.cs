using System.Diagnostics;
using System.Net;
using ChatKit.Sqlite;
using ChatKit.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatKit.LoadTest;

/// <summary>A Kestrel host on 127.0.0.1 with an ephemeral port.</summary>
public abstract class LoadHost : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The POST address that every scenario targets.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Short name for the report.</summary>
    public abstract string Name { get; }

    protected static WebApplicationBuilder NewBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxConcurrentConnections = null;
            k.Limits.MaxConcurrentUpgradedConnections = null;
        });
        return builder;
    }

    protected async Task StartAsync(WebApplication app, string path)
    {
        _app = app;
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.TrimEnd('/') + path);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The real thing: <c>AddChatKit</c> + <c>MapChatKit</c> with the <see cref="InstantServer"/>.</summary>
public sealed class ChatKitHost : LoadHost
{
    private string? _sqlitePath;
    private SqliteStore<LoadContext>? _sqlite;

    public override string Name => "chatkit";

    public string Store { get; private set; } = "memory";

    /// <summary>The SQLite hosts' <see cref="SqliteStoreOptions.WalCheckpointPages"/> (<c>--sqlite-checkpoint-pages</c>); null keeps the store's default.</summary>
    public static int? SqliteCheckpointPages { get; set; }

    public static async Task<ChatKitHost> StartAsync(string store, InstantServerSettings? settings = null)
    {
        var host = new ChatKitHost { Store = store };
        var builder = NewBuilder();
        IStore<LoadContext> storeInstance;
        if (store == "sqlite")
        {
            host._sqlitePath = Path.Combine(Path.GetTempPath(), $"chatkit-load-{Guid.NewGuid():N}.db");
            var sqliteOptions = new SqliteStoreOptions { FilePath = host._sqlitePath };
            if (SqliteCheckpointPages is { } pages)
            {
                sqliteOptions.WalCheckpointPages = pages;
            }

            storeInstance = host._sqlite = new SqliteStore<LoadContext>(sqliteOptions);
        }
        else
        {
            storeInstance = new InMemoryStore<LoadContext>();
        }

        builder.Services.AddSingleton(storeInstance);
        if (settings is not null)
        {
            builder.Services.AddSingleton(settings);
        }

        var context = new LoadContext("load-user");
        builder.Services.AddChatKit<InstantServer, LoadContext>((_, _) => ValueTask.FromResult(context));
        var app = builder.Build();
        app.MapChatKit<LoadContext>("/chatkit");
        await host.StartAsync(app, "/chatkit").ConfigureAwait(false);
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _sqlite?.Dispose();
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try
                {
                    File.Delete(_sqlitePath + suffix);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}

/// <summary>
/// The physical floor: bare Kestrel (one terminal middleware, no routing, no ChatKit code) replaying bytes that were
/// captured from the ChatKit host — the same SSE frames (count and sizes, flush per frame) and the same JSON bodies.
/// The client picks the canned response with the <c>X-Floor</c> header.
/// </summary>
public sealed class FloorHost : LoadHost
{
    private readonly Dictionary<string, byte[][]> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _json = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[][]> _idle = new(StringComparer.Ordinal);

    public override string Name => "floor";

    public void SetStream(string key, byte[][] frames) => _streams[key] = frames;

    public void SetIdle(string key, byte[][] frames) => _idle[key] = frames;

    public void SetJson(string key, byte[] body) => _json[key] = body;

    /// <summary>
    /// Synthetic CPU work per streamed frame (busy wait), to calibrate: how much per-event work does a given ratio to
    /// the bare floor correspond to? Zero (the default) is the real floor.
    /// </summary>
    public TimeSpan WorkPerFrame { get; set; }

    public static async Task<FloorHost> StartAsync()
    {
        var host = new FloorHost();
        var app = NewBuilder().Build();
        app.Run(host.HandleAsync);
        await host.StartAsync(app, "/").ConfigureAwait(false);
        return host;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var aborted = http.RequestAborted;
        // Read the request body like the real endpoint does.
        var reader = http.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(aborted).ConfigureAwait(false);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        var key = http.Request.Headers["X-Floor"].ToString();
        var response = http.Response;
        if (_json.TryGetValue(key, out var json))
        {
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.ContentLength = json.Length;
            await response.Body.WriteAsync(json, aborted).ConfigureAwait(false);
            return;
        }

        var idle = _idle.TryGetValue(key, out var idleFrames);
        var frames = idle ? idleFrames! : _streams[key];
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(aborted).ConfigureAwait(false);
        var writer = response.BodyWriter;
        var work = (long)(WorkPerFrame.TotalSeconds * Stopwatch.Frequency);
        foreach (var frame in frames)
        {
            if (work > 0)
            {
                var until = Stopwatch.GetTimestamp() + work;
                while (Stopwatch.GetTimestamp() < until)
                {
                }
            }

            var flush = await writer.WriteAsync(frame, aborted).ConfigureAwait(false);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                return;
            }
        }

        if (idle)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
