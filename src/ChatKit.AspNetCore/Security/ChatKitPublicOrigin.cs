using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore.Security;

/// <summary>
/// Where the app is publicly reachable, for absolute URLs that get stored (upload and preview URLs) and for the
/// same-origin and <c>Secure</c>-cookie decisions. The request's <c>Host</c> header is client input, so it is only
/// used when it is a trusted host (<see cref="ChatKitSecurityOptions.AllowedHosts"/> or host filtering).
/// </summary>
public sealed class ChatKitPublicOrigin
{
    private readonly ChatKitSecurityOptions _options;
    private readonly Uri? _publicBase;
    private readonly HashSet<string> _trustedHosts;
    private readonly string[] _filteredHosts;

    /// <summary>Creates the resolver.</summary>
    /// <param name="options">The security settings.</param>
    /// <param name="hostFiltering">ASP.NET Core's host filtering settings; the hosts they name are trusted too.</param>
    public ChatKitPublicOrigin(IOptions<ChatKitSecurityOptions> options, IOptions<HostFilteringOptions>? hostFiltering = null)
    {
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        if (!string.IsNullOrWhiteSpace(_options.PublicBaseUrl))
        {
            if (!Uri.TryCreate(_options.PublicBaseUrl, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"ChatKitSecurityOptions.PublicBaseUrl must be an absolute http(s) URL, not '{_options.PublicBaseUrl}'.", nameof(options));
            }

            _publicBase = parsed;
        }

        _trustedHosts = new HashSet<string>(_options.AllowedHosts, StringComparer.OrdinalIgnoreCase);
        // The app's host filtering list (ASP.NET Core's AllowedHosts) names its public hosts too; a bare "*" names none.
        var filtered = hostFiltering?.Value.AllowedHosts ?? [];
        _filteredHosts = filtered.Any(static h => h.Trim() == "*") ? [] : [.. filtered.Select(static h => h.Trim()).Where(static h => h.Length > 0)];
    }

    /// <summary>The settings.</summary>
    public ChatKitSecurityOptions Options => _options;

    /// <summary>
    /// The absolute URL of <paramref name="path"/> (a path below the app, e.g. <c>/chatkit/upload/atc_1</c>) as the
    /// public sees it: from <see cref="ChatKitSecurityOptions.PublicBaseUrl"/> when set, otherwise from the request's
    /// scheme, trusted host and path base.
    /// </summary>
    /// <exception cref="ChatKitException">400 <c>host_not_allowed</c>: no public base URL and the Host is not trusted.</exception>
    public string Url(HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        path = "/" + path.TrimStart('/');
        if (_publicBase is not null)
        {
            return _publicBase.GetLeftPart(UriPartial.Authority) + _publicBase.AbsolutePath.TrimEnd('/') + path;
        }

        if (!IsTrustedHost(request.Host))
        {
            throw new ChatKitException(400, "host_not_allowed",
                "The request's Host is not a configured public host, so no link to it is made. Set ChatKitSecurityOptions.PublicBaseUrl or AllowedHosts.");
        }

        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{path}";
    }

    /// <summary>The origin (<c>scheme://host[:port]</c>) same-origin requests come from.</summary>
    public string Origin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _publicBase is not null
            ? _publicBase.GetLeftPart(UriPartial.Authority)
            : $"{request.Scheme}://{request.Host.ToUriComponent()}";
    }

    /// <summary>
    /// Whether <paramref name="request"/> may act with the user's cookies: false for a cookie-carrying request that
    /// the browser marks as coming from another site that is neither the app's own origin nor in
    /// <see cref="ChatKitSecurityOptions.AllowedOrigins"/> (when <see cref="ChatKitSecurityOptions.RejectCrossSiteRequests"/>
    /// is on). Endpoints of other packages that act for the cookie's user (the hosted-session endpoint) refuse such
    /// requests with 403 as <c>MapChatKit</c> does.
    /// </summary>
    public bool AllowsOriginOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CrossSiteRequestGuard.IsAllowedOrigin(request, this);
    }

    /// <summary>
    /// Whether a browser's <c>Origin</c> header names the app itself: the public origin, or (without a public base URL)
    /// the request's host over HTTPS, which is what a TLS-terminating proxy in front of a plain-HTTP app looks like.
    /// </summary>
    public bool IsOwnOrigin(HttpRequest request, string origin)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(origin, Origin(request), StringComparison.OrdinalIgnoreCase)
            || (_publicBase is null && string.Equals(origin, "https://" + request.Host.ToUriComponent(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether browsers reach the app over HTTPS: the request itself, the public base URL, or a TLS-terminating proxy's
    /// <c>X-Forwarded-Proto</c>. The forwarded header is only used to decide for <c>Secure</c>, never against it.
    /// </summary>
    public bool IsHttps(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsHttps || _publicBase?.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        var forwarded = request.Headers["X-Forwarded-Proto"].ToString();
        var first = forwarded.Split(',', 2)[0].Trim();
        return first.Equals("https", StringComparison.OrdinalIgnoreCase);
    }

    private bool IsTrustedHost(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        if (_trustedHosts.Contains(name) || _trustedHosts.Contains(host.Value!))
        {
            return true;
        }

        foreach (var pattern in _filteredHosts)
        {
            // Host filtering's forms: an exact name, or "*.example.com" for its subdomains.
            if (pattern.StartsWith("*.", StringComparison.Ordinal)
                ? name.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && name.Length > pattern.Length - 1
                : string.Equals(name, pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
