using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore.Security;

/// <summary>
/// The one anonymous identity of a browser: a random id (<c>anon_</c> + 32 hex digits) in a data-protected,
/// HTTP-only cookie. Every ChatKit endpoint that serves anonymous users goes through this class, so the protocol
/// endpoint, uploads and the hosted-session endpoint see the same user.
/// </summary>
public sealed class AnonymousUserCookie
{
    /// <summary>The prefix of anonymous user ids.</summary>
    public const string UserIdPrefix = "anon_";

    private readonly ChatKitAnonymousUserOptions _options;
    private readonly ChatKitPublicOrigin _publicOrigin;
    private readonly IDataProtector _protector;

    /// <summary>Creates the cookie handler.</summary>
    public AnonymousUserCookie(IOptions<ChatKitAnonymousUserOptions> options, ChatKitPublicOrigin publicOrigin, IDataProtectionProvider dataProtection)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataProtection);
        _options = options.Value;
        _publicOrigin = publicOrigin ?? throw new ArgumentNullException(nameof(publicOrigin));
        if (string.IsNullOrWhiteSpace(_options.CookieName))
        {
            throw new ArgumentException("ChatKitAnonymousUserOptions.CookieName must not be empty.", nameof(options));
        }

        if (_options.CookieLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("ChatKitAnonymousUserOptions.CookieLifetime must be positive.", nameof(options));
        }

        _protector = dataProtection.CreateProtector("ChatKit.AnonymousUser.v1");
    }

    /// <summary>The id in the request's cookie, or null when there is none or it is forged, foreign or stale.</summary>
    public string? Read(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!httpContext.Request.Cookies.TryGetValue(_options.CookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            var id = _protector.Unprotect(cookie);
            return IsUserId(id) ? id : null;
        }
        catch (CryptographicException)
        {
            // A forged cookie or one protected by a retired key: treat it as absent.
            return null;
        }
    }

    /// <summary>The request's anonymous id, issuing a new one (and its cookie) when it has none.</summary>
    public string ReadOrIssue(HttpContext httpContext) => Read(httpContext) ?? Issue(httpContext);

    private string Issue(HttpContext httpContext)
    {
        var id = UserIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        httpContext.Response.Cookies.Append(_options.CookieName, _protector.Protect(id), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = _options.CookieSecure switch
            {
                CookieSecurePolicy.Always => true,
                CookieSecurePolicy.None => false,
                _ => _publicOrigin.IsHttps(httpContext.Request),
            },
            Path = "/",
            IsEssential = true,
            MaxAge = _options.CookieLifetime,
        });
        return id;
    }

    private static bool IsUserId(string id) =>
        id.Length == UserIdPrefix.Length + 32 && id.StartsWith(UserIdPrefix, StringComparison.Ordinal) && id[UserIdPrefix.Length..].All(char.IsAsciiHexDigitLower);
}
