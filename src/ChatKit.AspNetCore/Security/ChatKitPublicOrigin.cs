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
    private readonly bool _hostFilteringEnforced;

    /// <summary>Creates the resolver.</summary>
    /// <param name="options">The security settings.</param>
    /// <param name="hostFiltering">ASP.NET Core's host filtering settings; when they name hosts, those are already enforced.</param>
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
        // Host filtering answers 400 to any other host before routing, so a host that reaches us is one of these.
        var filtered = hostFiltering?.Value;
        _hostFilteringEnforced = filtered is { AllowedHosts.Count: > 0 }
            && !filtered.AllowedHosts.Any(static h => h is "*" or "" || h.StartsWith("*", StringComparison.Ordinal));
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

    private bool IsTrustedHost(HostString host) =>
        host.HasValue && (_hostFilteringEnforced || _trustedHosts.Contains(host.Host) || _trustedHosts.Contains(host.Value!));
}
