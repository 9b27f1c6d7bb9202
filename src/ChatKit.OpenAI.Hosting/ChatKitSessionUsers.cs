using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace ChatKit.OpenAI.Hosting;

/// <summary>
/// Works out who a session request is for, from server-side state only: the authenticated principal, or (when
/// <see cref="ChatKitHostedOptions.AllowAnonymousUsers"/> is on) an anonymous id kept in a data-protected cookie.
/// Nothing the browser sends in a body or query string is consulted.
/// </summary>
internal sealed class ChatKitSessionUsers(IDataProtectionProvider dataProtection)
{
    internal const string AnonymousPrefix = "anonymous:";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("ChatKit.OpenAI.Hosting.AnonymousUser.v1");

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

        return TryReadAnonymous(context, options) ?? IssueAnonymous(context, options);
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

    private string? TryReadAnonymous(HttpContext context, ChatKitHostedOptions options)
    {
        if (!context.Request.Cookies.TryGetValue(options.AnonymousCookieName, out var protectedValue) || string.IsNullOrEmpty(protectedValue))
        {
            return null;
        }

        try
        {
            var id = _protector.Unprotect(protectedValue);
            return id.Length == 32 && id.All(char.IsAsciiHexDigitLower) ? AnonymousPrefix + id : null;
        }
        catch (CryptographicException)
        {
            // Tampered, foreign or expired-key cookie: treat as absent and issue a new id.
            return null;
        }
    }

    private string IssueAnonymous(HttpContext context, ChatKitHostedOptions options)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(options.AnonymousCookieName, _protector.Protect(id), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = options.AnonymousCookieLifetime,
            IsEssential = true,
        });
        return AnonymousPrefix + id;
    }
}
