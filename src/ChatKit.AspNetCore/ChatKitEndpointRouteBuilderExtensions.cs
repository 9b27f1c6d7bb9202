using ChatKit.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the ChatKit endpoint.</summary>
public static class ChatKitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the ChatKit protocol at <paramref name="pattern"/> (POST, JSON or SSE responses) for the default
    /// <see cref="ChatKitRequestContext"/>, and the web component at <c>{pattern}/chatkit.js</c>.
    /// </summary>
    /// <returns>The route group, for <c>RequireAuthorization</c>, <c>RequireCors</c>, rate limiting and the like.</returns>
    public static RouteGroupBuilder MapChatKit(this IEndpointRouteBuilder endpoints, string pattern = "/chatkit") =>
        endpoints.MapChatKit<ChatKitRequestContext>(pattern);

    /// <summary>Maps the ChatKit protocol at <paramref name="pattern"/> for a custom context type.</summary>
    public static RouteGroupBuilder MapChatKit<TContext>(this IEndpointRouteBuilder endpoints, string pattern = "/chatkit")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(pattern);
        group.MapPost("/", ChatKitEndpoint.HandleAsync<TContext>)
            .WithDisplayName("ChatKit " + pattern)
            .DisableAntiforgery();
        group.MapGet("/chatkit.js", WebComponentAsset.ServeAsync)
            .WithDisplayName("ChatKit web component");
        return group;
    }
}
