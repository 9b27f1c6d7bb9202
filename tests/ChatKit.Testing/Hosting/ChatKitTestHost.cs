using ChatKit.Server;
using ChatKit.Testing.Http;
using ChatKit.Testing.StoreConformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatKit.Testing.Hosting;

/// <summary>
/// A real Kestrel host on a free loopback port serving one ChatKit server through <c>MapChatKit</c>, as an
/// application would; every request acts as <see cref="User"/>. For tests that need HTTP itself: status codes, SSE
/// and client disconnects.
/// </summary>
public sealed class ChatKitTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatKitTestHost(WebApplication app, ChatKitServer<StoreTestContext> server, StoreTestContext user, Uri endpoint)
    {
        _app = app;
        Server = server;
        User = user;
        Endpoint = endpoint;
    }

    /// <summary>The server behind the endpoint.</summary>
    public ChatKitServer<StoreTestContext> Server { get; }

    /// <summary>The user every request is served as.</summary>
    public StoreTestContext User { get; }

    /// <summary>The ChatKit endpoint URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts a host for <paramref name="server"/>, acting as <paramref name="user"/> (a fresh user when null).</summary>
    public static async Task<ChatKitTestHost> StartAsync(ChatKitServer<StoreTestContext> server, StoreTestContext? user = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        user ??= StoreTestContext.NewUser();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(server);
        builder.Services.AddChatKit<ChatKitServer<StoreTestContext>, StoreTestContext>((_, _) => ValueTask.FromResult(user));
        var app = builder.Build();
        app.MapChatKit<StoreTestContext>();
        await app.StartAsync();
        return new ChatKitTestHost(app, server, user, new Uri(app.Urls.Single().TrimEnd('/') + "/chatkit"));
    }

    /// <summary>A new HTTP client of the endpoint.</summary>
    public ChatKitHttpClient CreateClient() => new(Endpoint);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
