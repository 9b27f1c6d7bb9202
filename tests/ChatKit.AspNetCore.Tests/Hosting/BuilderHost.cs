using System.Runtime.CompilerServices;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatKit.AspNetCore.Tests.Hosting;

/// <summary>A server written the way the README shows: one constructor parameter.</summary>
public sealed class EchoServer(ChatKitServerDependencies<ChatKitRequestContext> dependencies) : ChatKitServer<ChatKitRequestContext>(dependencies)
{
    public DateTimeOffset Clock => Now;

    protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, ChatKitRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return new ThreadItemDoneEvent
        {
            Item = new AssistantMessageItem
            {
                Id = CreateItemId(StoreItemKind.Message, thread, context),
                ThreadId = thread.Id,
                CreatedAt = Now,
                Content = [new AssistantMessageContent { Text = "echo: " + input?.Text }],
            },
        };
    }
}

/// <summary>An app built with <c>AddChatKit</c> and configuration given as key/value pairs, on a loopback port.</summary>
public static class BuilderHost
{
    public static WebApplication Build(
        Dictionary<string, string?> settings, Action<IChatKitBuilder<ChatKitRequestContext>>? chatKit = null, Action<WebApplicationBuilder>? more = null)
    {
        var builder = TestWebHost.CreateBuilder(settings);
        var kit = builder.Services.AddChatKit<EchoServer>();
        if (chatKit is null)
        {
            kit.AddInMemoryStore();
        }
        else
        {
            chatKit(kit);
        }

        builder.Services.AddHealthChecks().AddChatKitStore();
        more?.Invoke(builder);
        var app = builder.Build();
        app.MapChatKit("/chatkit");
        app.MapHealthChecks("/health");
        return app;
    }

    public static Uri AddressOf(WebApplication app) => TestWebHost.AddressOf(app);
}
