using System.Diagnostics.CodeAnalysis;
using ChatKit.OpenAI.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the hosted ChatKit session endpoints.</summary>
public static class ChatKitSessionsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> (start) and <c>POST {pattern}/refresh</c> (ChatKit.js's
    /// <c>getClientSecret(currentClientSecret)</c>). Both create a ChatKit session for the request's server-side user
    /// and answer <c>{ "client_secret": "...", "expires_at": 1234567890 }</c>, uncacheable. The request body is never
    /// read: the user comes from <see cref="ChatKitHostedOptions.UserIdResolver"/> (default: the authenticated
    /// principal) or, if allowed, an anonymous cookie. The endpoints require the rate limiter policy
    /// <see cref="ChatKitHostedDefaults.RateLimiterPolicyName"/>, so the app must call <c>app.UseRateLimiter()</c>
    /// (after authentication); without it the endpoints refuse to mint secrets (500, with an error in the log).
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route of the start endpoint; refresh is <c>{pattern}/refresh</c>.</param>
    /// <returns>The route group, to add conventions such as <c>RequireAuthorization()</c> or CORS.</returns>
    /// <exception cref="InvalidOperationException"><c>AddChatKitSessions</c> was not called.</exception>
    public static RouteGroupBuilder MapChatKitSessions(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = ChatKitHostedDefaults.DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<ChatKitSessionUsers>() is null)
        {
            throw new InvalidOperationException("MapChatKitSessions needs the services registered by services.AddChatKitSessions().");
        }

        var group = endpoints.MapGroup(pattern);
        group.MapPost("", ChatKitSessionEndpoint.CreateAsync).WithDisplayName("ChatKit session: start");
        group.MapPost("/refresh", ChatKitSessionEndpoint.RefreshAsync).WithDisplayName("ChatKit session: refresh");
        group.RequireRateLimiting(ChatKitHostedDefaults.RateLimiterPolicyName);
        return group;
    }
}
