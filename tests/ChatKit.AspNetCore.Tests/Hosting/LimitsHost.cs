using System.Runtime.CompilerServices;
using System.Security.Claims;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatKit.AspNetCore.Tests.Hosting;

/// <summary>A server whose answers wait until <see cref="Release"/> (so tests can keep turns running); from then on all answer at once.</summary>
public sealed class GatedServer(IStore<ChatKitRequestContext> store, ChatKitServerOptions options)
    : ChatKitServer<ChatKitRequestContext>(store, null, options)
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, ChatKitRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        yield return new ThreadItemDoneEvent
        {
            Item = new AssistantMessageItem { Id = CreateItemId(StoreItemKind.Message, thread, context), ThreadId = thread.Id, CreatedAt = Now, Content = [new() { Text = "done" }] },
        };
    }
}

/// <summary>
/// Kestrel on a loopback port with the ChatKit endpoint, rate limited with the ready-made policy; the signed-in user
/// is the <c>X-User</c> header (none: anonymous, counted by IP).
/// </summary>
public sealed class LimitsHost : IAsyncDisposable
{
    private readonly TestWebHost _host;

    private LimitsHost(TestWebHost host) => _host = host;

    public Uri BaseAddress => _host.BaseAddress;

    public GatedServer Server => _host.Services.GetRequiredService<GatedServer>();

    public static async Task<LimitsHost> StartAsync(Action<ChatKitRateLimitingOptions> rateLimits, ChatKitServerOptions? serverOptions = null)
    {
        var builder = TestWebHost.CreateBuilder();
        builder.Services.AddSingleton<IStore<ChatKitRequestContext>>(new InMemoryStore<ChatKitRequestContext>());
        builder.Services.AddSingleton(serverOptions ?? new ChatKitServerOptions());
        builder.Services.AddChatKit<GatedServer>(o => o.AllowAnonymousUsers = true);
        builder.Services.AddChatKitRateLimiting(rateLimits);
        var app = builder.Build();
        app.Use((http, next) =>
        {
            if (http.Request.Headers["X-User"].ToString() is { Length: > 0 } user)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "test"));
            }

            return next(http);
        });
        app.UseRateLimiter();
        app.MapChatKit("/chatkit").RequireRateLimiting(ChatKitRateLimiting.PolicyName);
        return new LimitsHost(await TestWebHost.StartAsync(app));
    }

    public HttpClient CreateClient(string? user = null)
    {
        var client = _host.CreateHttpClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-User", user);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        // Turns still waiting at the gate would hold the shutdown until its timeout.
        Server.Release();
        await _host.DisposeAsync();
    }
}
