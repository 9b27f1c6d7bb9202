using ChatKit.AspNetCore;
using ChatKit.AspNetCore.Attachments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the ChatKit endpoint.</summary>
public static class ChatKitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the ChatKit protocol at <paramref name="pattern"/> (POST, JSON or SSE responses) for the default
    /// <see cref="ChatKitRequestContext"/>, and the web component at <c>{pattern}/chatkit.js</c> (with the string tables
    /// and icons it loads on demand at <c>{pattern}/locales/*.json</c> and <c>{pattern}/icons/lucide/*.json</c>). With a disk attachment
    /// store registered (<c>AddDiskAttachments</c>) it also maps <c>{pattern}/upload</c>,
    /// <c>{pattern}/upload/{id}</c> and <c>{pattern}/attachments/{id}/preview</c>.
    /// </summary>
    /// <returns>
    /// The route group, for <c>RequireAuthorization</c>, <c>RequireCors</c> and the like; rate limiting composes as
    /// <c>.RequireRateLimiting(ChatKitRateLimiting.PolicyName)</c> (see <c>AddChatKitRateLimiting</c>).
    /// </returns>
    public static RouteGroupBuilder MapChatKit(this IEndpointRouteBuilder endpoints, string pattern = "/chatkit") =>
        endpoints.MapChatKit<ChatKitRequestContext>(pattern);

    /// <summary>Maps the ChatKit protocol at <paramref name="pattern"/> for a custom context type.</summary>
    public static RouteGroupBuilder MapChatKit<TContext>(this IEndpointRouteBuilder endpoints, string pattern = "/chatkit")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Built now rather than on the first request, so configuration errors (e.g. a context type whose users a
        // store cannot tell apart) stop the application at start-up.
        _ = endpoints.ServiceProvider.GetService<ChatKit.Server.ChatKitServer<TContext>>();
        var group = endpoints.MapGroup(pattern);
        // Created once: LoggerFactory.CreateLogger takes a lock that every request contended for.
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ChatKit.AspNetCore.ChatKitEndpoint");
        group.MapPost("/", http => ChatKitEndpoint.HandleAsync<TContext>(http, logger))
            .WithDisplayName("ChatKit " + pattern)
            .DisableAntiforgery();
        group.MapGet("/chatkit.js", WebComponentAsset.ServeAsync)
            .WithDisplayName("ChatKit web component");
        // Beside the script, what it fetches only when used: UI strings of a non-English locale, a Lucide icon.
        group.MapGet("/locales/{file}", http => LocaleTableAssets.ServeAsync(http, FileOf(http)))
            .WithDisplayName("ChatKit web component locale table");
        group.MapGet("/icons/lucide/{file}", http => LucideIconAssets.ServeAsync(http, FileOf(http)))
            .WithDisplayName("ChatKit web component Lucide icon");
        // Asks whether the store is registered without building it: its options are validated when the app starts.
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(DiskAttachmentStore<TContext>)) == true)
        {
            // Registered with AddDiskAttachments: uploads and previews live below the ChatKit endpoint.
            group.MapChatKitAttachments<TContext>();
        }

        return group;
    }

    // A RequestDelegate reads the route value itself: delegate binding would need reflection (not trimming-safe).
    private static string FileOf(HttpContext http) => http.Request.RouteValues["file"] as string ?? string.Empty;
}
