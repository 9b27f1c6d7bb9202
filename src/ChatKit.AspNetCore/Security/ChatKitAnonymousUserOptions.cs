using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore.Security;

/// <summary>
/// The anonymous-user cookie shared by every ChatKit endpoint of an app (the protocol endpoint, uploads and the
/// hosted-session endpoint), so one browser has one identity. Whether anonymous users are served at all is each
/// endpoint's own setting (<c>AllowAnonymousUsers</c>).
/// </summary>
public sealed class ChatKitAnonymousUserOptions
{
    /// <summary>The cookie's name.</summary>
    public string CookieName { get; set; } = ".chatkit.uid";

    /// <summary>How long the browser keeps the id (default 365 days).</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// When the cookie is marked <c>Secure</c>. The default, <see cref="CookieSecurePolicy.SameAsRequest"/>, marks it
    /// whenever the public scheme is HTTPS: the request's own scheme, <see cref="ChatKitSecurityOptions.PublicBaseUrl"/>,
    /// or an <c>X-Forwarded-Proto: https</c> from a TLS-terminating proxy (only ever used to add <c>Secure</c>).
    /// </summary>
    public CookieSecurePolicy CookieSecure { get; set; } = CookieSecurePolicy.SameAsRequest;
}
