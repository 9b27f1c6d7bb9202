namespace ChatKit.AspNetCore.Security;

/// <summary>
/// Request checks of the ChatKit endpoints against cross-site use and forged <c>Host</c> headers, all on by default.
/// A plain options class: bind it from configuration (e.g. <c>ChatKit:Security</c>) or configure it in code.
/// See docs/security.md.
/// </summary>
public sealed class ChatKitSecurityOptions
{
    /// <summary>
    /// The public URL of the app as browsers reach it, e.g. <c>https://chat.example.com</c> (with a path base if the
    /// app has one). When set, upload and preview URLs are built from it instead of the request's <c>Host</c>, its
    /// scheme decides whether the anonymous cookie is <c>Secure</c>, and it is the origin same-origin requests come from.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Host names (without port) whose <c>Host</c> header is trusted for building absolute URLs when
    /// <see cref="PublicBaseUrl"/> is not set. Default: the loopback names. The hosts named by ASP.NET Core's host
    /// filtering (the app's <c>AllowedHosts</c> setting, unless it is <c>*</c>) are trusted too. Other hosts get 400 <c>host_not_allowed</c>
    /// on the requests that need an absolute URL (<c>attachments.create</c>, uploads).
    /// </summary>
    public IList<string> AllowedHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Whether ChatKit protocol POSTs must be <c>application/json</c> (optionally with a charset). On by default:
    /// HTML forms on other sites can send <c>text/plain</c>, <c>application/x-www-form-urlencoded</c> and
    /// <c>multipart/form-data</c> without a CORS preflight, never JSON. Other types get 415 <c>unsupported_media_type</c>.
    /// </summary>
    public bool RequireJsonContentType { get; set; } = true;

    /// <summary>
    /// Whether requests that carry cookies are refused (403 <c>cross_site_request</c>) when the browser says they come
    /// from another origin (<c>Sec-Fetch-Site</c>, else <c>Origin</c>) not listed in <see cref="AllowedOrigins"/>.
    /// On by default. Applies to the protocol endpoint and the upload endpoints.
    /// </summary>
    public bool RejectCrossSiteRequests { get; set; } = true;

    /// <summary>Origins (<c>scheme://host[:port]</c>) allowed to send cookie-carrying requests from another site.</summary>
    public IList<string> AllowedOrigins { get; } = [];
}
