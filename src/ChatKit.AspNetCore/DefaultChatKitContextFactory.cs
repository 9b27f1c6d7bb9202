using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore;

/// <summary>
/// Builds a <see cref="ChatKitRequestContext"/>: the user id comes from the authenticated principal; anonymous
/// browsers get a random id in a data-protected cookie when <see cref="ChatKitHostingOptions.AllowAnonymousUsers"/>.
/// </summary>
public sealed class DefaultChatKitContextFactory : IChatKitContextFactory<ChatKitRequestContext>
{
    private readonly ChatKitHostingOptions _options;
    private readonly IDataProtector _protector;

    /// <summary>Creates the factory.</summary>
    public DefaultChatKitContextFactory(IOptions<ChatKitHostingOptions> options, IDataProtectionProvider dataProtection)
    {
        _options = options.Value;
        _protector = dataProtection.CreateProtector("ChatKit.AnonymousUser.v1");
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

    private string? AnonymousUserId(HttpContext httpContext)
    {
        if (!_options.AllowAnonymousUsers)
        {
            return null;
        }

        if (httpContext.Request.Cookies.TryGetValue(_options.AnonymousCookieName, out var cookie))
        {
            try
            {
                return _protector.Unprotect(cookie);
            }
            catch (CryptographicException)
            {
                // A forged or stale cookie: issue a new identity rather than trusting it.
            }
        }

        var id = "anon_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        httpContext.Response.Cookies.Append(_options.AnonymousCookieName, _protector.Protect(id), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = httpContext.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return id;
    }

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
