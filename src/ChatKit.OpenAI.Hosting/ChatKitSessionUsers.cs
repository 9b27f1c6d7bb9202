using System.Security.Claims;
using ChatKit.AspNetCore.Security;
using Microsoft.AspNetCore.Http;

namespace ChatKit.OpenAI.Hosting;

/// <summary>
/// Works out who a session request is for, from server-side state only: the authenticated principal, or (when
/// <see cref="ChatKitHostedOptions.AllowAnonymousUsers"/> is on) the anonymous id of the <see cref="AnonymousUserCookie"/>
/// the ChatKit endpoint uses too, so a browser is the same user on both.
/// Nothing the browser sends in a body or query string is consulted.
/// </summary>
internal sealed class ChatKitSessionUsers(AnonymousUserCookie anonymousUsers)
{
    /// <summary>The user of the request, issuing an anonymous id if allowed and needed; <see langword="null"/> when the request has no user.</summary>
    public string? ResolveOrIssue(HttpContext context, ChatKitHostedOptions options)
    {
        if (ResolveAuthenticated(context, options) is { } userId)
        {
            return userId;
        }

        if (!options.AllowAnonymousUsers)
        {
            return null;
        }

        return anonymousUsers.ReadOrIssue(context);
    }

    /// <summary>
    /// The rate-limit partition of the request: the user id when signed in; otherwise the client address, so that
    /// discarding the anonymous cookie does not buy a fresh allowance.
    /// </summary>
    public string PartitionKey(HttpContext context, ChatKitHostedOptions options) =>
        ResolveAuthenticated(context, options) is { } userId
            ? "user:" + userId
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static string? ResolveAuthenticated(HttpContext context, ChatKitHostedOptions options)
    {
        string? userId;
        if (options.UserIdResolver is { } resolver)
        {
            userId = resolver(context);
        }
        else
        {
            var user = context.User;
            userId = user.Identity?.IsAuthenticated == true
                ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value
                : null;
        }

        return string.IsNullOrWhiteSpace(userId) ? null : userId;
    }
}
