using ChatKit.Server;
using ChatKit.Testing.Http;
using ChatKit.Testing.StoreConformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatKit.Testing.Hosting;

/// <summary>
/// A real Kestrel host on a free loopback port serving one ChatKit server through <c>MapChatKit</c>, as an
/// application would; every request acts as <see cref="User"/>. For tests that need HTTP itself: status codes, SSE
/// and client disconnects.
/// </summary>
public sealed class ChatKitTestHost : IAsyncDisposable
{
    private readonly TestWebHost _host;

    private ChatKitTestHost(TestWebHost host, ChatKitServer<StoreTestContext> server, StoreTestContext user)
    {
        _host = host;
        Server = server;
        User = user;
    }

    /// <summary>The server behind the endpoint.</summary>
    public ChatKitServer<StoreTestContext> Server { get; }

    /// <summary>The user every request is served as.</summary>
    public StoreTestContext User { get; }

    /// <summary>The ChatKit endpoint URL.</summary>
    public Uri Endpoint => _host.Endpoint;

    /// <summary>Starts a host for <paramref name="server"/>, acting as <paramref name="user"/> (a fresh user when null).</summary>
    public static async Task<ChatKitTestHost> StartAsync(ChatKitServer<StoreTestContext> server, StoreTestContext? user = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        user ??= StoreTestContext.NewUser();
        var builder = TestWebHost.CreateSlimBuilder();
        builder.Services.AddSingleton(server);
        builder.Services.AddChatKit<ChatKitServer<StoreTestContext>, StoreTestContext>((_, _) => ValueTask.FromResult(user));
        var app = builder.Build();
        app.MapChatKit<StoreTestContext>();
        return new ChatKitTestHost(await TestWebHost.StartAsync(app), server, user);
    }

    /// <summary>A new HTTP client of the endpoint.</summary>
    public ChatKitHttpClient CreateClient() => new(Endpoint);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
