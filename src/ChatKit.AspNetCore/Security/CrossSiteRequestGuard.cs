using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ChatKit.AspNetCore.Security;

/// <summary>
/// Refuses requests another site could have made with the user's cookies: protocol POSTs that are not JSON, and
/// cookie-carrying requests the browser marks as coming from another origin. Both answer with a JSON error.
/// </summary>
internal static class CrossSiteRequestGuard
{
    /// <summary>Checks a ChatKit protocol POST: its content type, then its origin.</summary>
    /// <exception cref="ChatKitException">415 <c>unsupported_media_type</c> or 403 <c>cross_site_request</c>.</exception>
    public static void CheckProtocolRequest(HttpRequest request, ChatKitPublicOrigin publicOrigin)
    {
        var options = publicOrigin.Options;
        if (options.RequireJsonContentType && !IsJson(request.ContentType))
        {
            throw new ChatKitException(415, "unsupported_media_type", "ChatKit requests must be sent as application/json.");
        }

        CheckOrigin(request, publicOrigin);
    }

    /// <summary>Checks that a cookie-carrying request comes from the app's own origin or an allowed one.</summary>
    /// <exception cref="ChatKitException">403 <c>cross_site_request</c>.</exception>
    public static void CheckOrigin(HttpRequest request, ChatKitPublicOrigin publicOrigin)
    {
        if (!IsAllowedOrigin(request, publicOrigin))
        {
            throw Refused();
        }
    }

    /// <summary>Whether a request may act with the user's cookies: false only for a cookie-carrying request from another site that is not allowed.</summary>
    public static bool IsAllowedOrigin(HttpRequest request, ChatKitPublicOrigin publicOrigin)
    {
        var options = publicOrigin.Options;
        // Without cookies the request carries no ambient identity another site could borrow.
        if (!options.RejectCrossSiteRequests || !request.Headers.ContainsKey(HeaderNames.Cookie))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "same-origin" or "none")
        {
            // The browser itself vouches for the origin ("none": the user typed or bookmarked the URL).
            return true;
        }

        if (origin.Length == 0)
        {
            // Browsers send Origin on every cross-origin POST, so without one only Sec-Fetch-Site can tell.
            if (fetchSite is "cross-site" or "same-site")
            {
                return false;
            }

            return true;
        }

        if (publicOrigin.IsOwnOrigin(request, origin)
            || options.AllowedOrigins.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return false;
    }

    // The origin is not echoed: it is client input.
    private static ChatKitException Refused() =>
        new(403, "cross_site_request", "Requests from another site are not allowed; add its origin to ChatKitSecurityOptions.AllowedOrigins if it is yours.");

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        if (!parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Only a charset parameter is expected, and the body is read as UTF-8.
        return !parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
    }
}
