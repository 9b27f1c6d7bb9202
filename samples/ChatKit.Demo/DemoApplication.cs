using ChatKit.AspNetCore;
using Microsoft.AspNetCore.DataProtection;

namespace ChatKit.Demo;

/// <summary>Builds the demo app; tests start the same app on a loopback port.</summary>
public static class DemoApplication
{
    /// <summary>The default address.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8000";

    /// <summary>Builds the app from command-line arguments (<c>--urls</c>, <c>--ChatKit:DataDirectory</c>, <c>--ChatKit:Store</c>).</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
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
        builder.Services.AddSingleton(_ => DemoStores.Create(builder.Configuration, dataDirectory));
        builder.Services.AddChatKitDiskAttachments(options => DemoAttachments.Configure(options, builder.Configuration, dataDirectory));
        builder.Services.AddChatKit<OfflineAssistant>(options =>
        {
            // The demo has no sign-in: each browser gets an anonymous id in a protected cookie.
            options.AllowAnonymousUsers = true;
            options.MaxRequestBytes = builder.Configuration.GetValue<long?>("ChatKit:MaxRequestBytes") ?? options.MaxRequestBytes;
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapChatKit("/chatkit");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"ChatKit demo: open {url}/ (data in {dataDirectory})");
            }
        });
        return app;
    }
}
