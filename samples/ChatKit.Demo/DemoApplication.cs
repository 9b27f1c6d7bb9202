using Microsoft.AspNetCore.DataProtection;

namespace ChatKit.Demo;

/// <summary>Builds the demo app; tests start the same app on a loopback port.</summary>
public static class DemoApplication
{
    /// <summary>The default address.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8000";

    /// <summary>Builds the app from command-line arguments (<c>--urls</c>, <c>--ChatKit:DataDirectory</c>, <c>--ChatKit:Store</c>, any <c>--ChatKit:*</c> option).</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Content (pages, appsettings) is read from the build output, wherever the demo is started from.
        // The application name is fixed so the static web assets manifest (the Blazor page's scripts) is found
        // also when tests host the demo from their own entry assembly.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(DemoApplication).Assembly.GetName().Name,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var dataDirectory = Path.GetFullPath(builder.Configuration["ChatKit:DataDirectory"] ?? ".chatkit");
        Directory.CreateDirectory(dataDirectory);

        // Keys persist with the data so anonymous users keep their threads across restarts.
        builder.Services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")))
            .SetApplicationName("ChatKit.Demo");

        // Everything else comes from the ChatKit section (appsettings.json, ChatKit__* variables, --ChatKit:* arguments).
        var chatKit = DemoModel.IsConfigured(builder.Configuration)
            ? builder.Services.AddSingleton(_ => DemoModel.CreateClient(builder.Configuration)).AddChatKit<ModelAssistant>()
            : builder.Services.AddChatKit<OfflineAssistant>();
        _ = (builder.Configuration["ChatKit:Store"] ?? "sqlite").ToLowerInvariant() switch
        {
            "sqlite" => chatKit.AddSqliteStore(o => o.FilePath = DefaultTo(o.FilePath, Path.Combine(dataDirectory, "chatkit.db"))),
            "postgres" or "postgresql" => chatKit.AddPostgresStore(),
            "memory" => chatKit.AddInMemoryStore(),
            var other => throw new InvalidOperationException($"Unknown ChatKit:Store '{other}'. Use 'sqlite', 'postgres' or 'memory'."),
        };
        chatKit.AddDiskAttachments(o => o.RootDirectory = DefaultTo(o.RootDirectory, Path.Combine(dataDirectory, "attachments")));
        builder.Services.AddHealthChecks().AddChatKitStore();
        DemoTelemetry.AddWhenConfigured(builder);

        // The hosted path (OpenAI-hosted workflows): mints ChatKit client secrets; needs ChatKit:Hosted:WorkflowId
        // and OPENAI_API_KEY, and network access to OpenAI. See wwwroot/hosted.html.
        builder.Services.AddChatKitSessions(options => options.AllowAnonymousUsers = true);
        // The demo faces the internet without sign-in, so every limit is on (docs/reliability.md): the server's turn and
        // size limits (ChatKit:*) and the rate limiter per user or IP (ChatKit:RateLimiting:*).
        builder.Services.AddChatKitRateLimiting();
        // The /blazor and /blazor-wasm pages: the same assistant through the ChatKit.Blazor component. Their scripts are static web
        // assets of referenced projects, which only Development maps by itself; run from the build output in any
        // environment, they need the build's manifest (a published app has the files and no manifest: a no-op).
        builder.Services.AddRazorComponents().AddInteractiveServerComponents().AddInteractiveWebAssemblyComponents();
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapChatKit("/chatkit").RequireRateLimiting(ChatKitRateLimiting.PolicyName);
        app.MapHealthChecks("/health");
        app.MapChatKitSessions("/api/chatkit/session");
        app.MapRazorComponents<Components.App>()
            .AddInteractiveServerRenderMode()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(Client.DemoChat).Assembly);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"ChatKit demo: open {url}/ (data in {dataDirectory})");
            }
        });
        return app;
    }

    private static string DefaultTo(string? configured, string fallback) => string.IsNullOrWhiteSpace(configured) ? fallback : configured;
}
