using System.Globalization;
using ChatKit.AspNetCore.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore;

/// <summary>
/// Builds a <see cref="ChatKitRequestContext"/>: the user id comes from the authenticated principal; anonymous
/// browsers get the id of their <see cref="AnonymousUserCookie"/> when <see cref="ChatKitHostingOptions.AllowAnonymousUsers"/>.
/// </summary>
public sealed class DefaultChatKitContextFactory : IChatKitContextFactory<ChatKitRequestContext>
{
    private readonly ChatKitHostingOptions _options;
    private readonly AnonymousUserCookie _anonymousUsers;

    /// <summary>Creates the factory.</summary>
    public DefaultChatKitContextFactory(IOptions<ChatKitHostingOptions> options, AnonymousUserCookie anonymousUsers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _anonymousUsers = anonymousUsers ?? throw new ArgumentNullException(nameof(anonymousUsers));
    }

    /// <inheritdoc />
    public ValueTask<ChatKitRequestContext> CreateAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var userId = AuthenticatedUserId(httpContext) ?? AnonymousUserId(httpContext) ?? throw new ChatKitUnauthorizedException();
        return ValueTask.FromResult(new ChatKitRequestContext
        {
            UserId = userId,
            Locale = Locale(httpContext),
            HttpContext = httpContext,
        });
    }

    private string? AuthenticatedUserId(HttpContext httpContext)
    {
        var user = httpContext.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        foreach (var type in _options.UserIdClaimTypes)
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 } id)
            {
                return id;
            }
        }

        return null;
    }

    private string? AnonymousUserId(HttpContext httpContext) =>
        _options.AllowAnonymousUsers ? _anonymousUsers.ReadOrIssue(httpContext) : null;

    private static CultureInfo? Locale(HttpContext httpContext)
    {
        var header = httpContext.Request.Headers.AcceptLanguage.ToString();
        var first = header.Split(',', 2)[0].Split(';', 2)[0].Trim();
        if (first.Length == 0)
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(first);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
