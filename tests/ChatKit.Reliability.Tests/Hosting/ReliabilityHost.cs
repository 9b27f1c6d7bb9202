using ChatKit.AspNetCore;
using ChatKit.Demo;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Hosting;
using ChatKit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatKit.Reliability.Tests.Hosting;

/// <summary>
/// The demo app on Kestrel (free loopback port, own data directory), as the public server runs it, with two test
/// seams: the offline assistant's chunk delay (so a fuzz batch is not paced by a scripted typing speed) and a
/// decoration of the store (fault injection).
/// </summary>
public sealed class ReliabilityHost : IAsyncDisposable
{
    private readonly TestWebHost _host;

    private ReliabilityHost(TestWebHost host, string dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
    }

    /// <summary>Where the demo keeps its data (SQLite database, attachments, keys).</summary>
    public string DataDirectory { get; }

    /// <summary>The root URL.</summary>
    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>The ChatKit endpoint.</summary>
    public Uri Endpoint => _host.Endpoint;

    /// <summary>The path of the demo's SQLite database.</summary>
    public string SqlitePath => Path.Combine(DataDirectory, "chatkit.db");

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the demo.</summary>
    /// <param name="chunkDelay">Delay between streamed words of a normal reply; "slow" replies keep their own pace.</param>
    /// <param name="decorateStore">Wraps (or replaces) the store the demo built from its configuration.</param>
    /// <param name="arguments">Extra command-line arguments (e.g. <c>--ChatKit:Store postgres</c>).</param>
    public static async Task<ReliabilityHost> StartAsync(
        TimeSpan? chunkDelay = null,
        Func<IStore<ChatKitRequestContext>, IServiceProvider, IStore<ChatKitRequestContext>>? decorateStore = null,
        params string[] arguments)
    {
        var dataDirectory = TestWebHost.CreateDirectory("chatkit-reliability-");
        // The suites play many users from one address: the demo's per-address rate limit (a 429 is a correct answer, but
        // not the one these suites look at) is lifted; every other limit stays as the demo ships it.
        string[] args =
        [
            "--urls", TestWebHost.LoopbackUrl, "--ChatKit:DataDirectory", dataDirectory, "--Logging:LogLevel:Default", "None",
            "--ChatKit:RateLimiting:AnonymousPermitLimit", "1000000", "--ChatKit:RateLimiting:PermitLimit", "1000000",
            .. arguments,
        ];
        var app = DemoApplication.Create(args, builder =>
        {
            if (decorateStore is not null)
            {
                // The demo registered its store as a factory singleton; decorate whatever it built.
                var original = builder.Services.Last(d => d.ServiceType == typeof(IStore<ChatKitRequestContext>));
                builder.Services.Remove(original);
                builder.Services.AddSingleton(sp => decorateStore((IStore<ChatKitRequestContext>)original.ImplementationFactory!(sp), sp));
            }

            // A later registration wins over AddChatKit's TryAdd: the same assistant with its pace set by the test.
            var delay = chunkDelay ?? TimeSpan.Zero;
            builder.Services.AddSingleton(sp => new OfflineAssistant(sp.GetRequiredService<ChatKitServerDependencies<ChatKitRequestContext>>())
            {
                ChunkDelay = delay,
            });
        });
        return new ReliabilityHost(await TestWebHost.StartAsync(app, dataDirectory), dataDirectory);
    }

    /// <summary>A JSON/SSE client with its own cookie jar: a new anonymous user.</summary>
    public ChatKitHttpClient CreateClient(System.Net.CookieContainer? cookies = null) => new(Endpoint, cookies);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
