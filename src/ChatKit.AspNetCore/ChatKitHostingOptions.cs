namespace ChatKit.AspNetCore;

/// <summary>Settings of the ChatKit endpoint.</summary>
public sealed class ChatKitHostingOptions
{
    /// <summary>The largest request body accepted, in bytes (default 10 MB); larger requests get 413.</summary>
    public long MaxRequestBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Whether requests without an authenticated user are served, each browser getting a stable anonymous id kept
    /// in a data-protected cookie (see <see cref="Security.ChatKitAnonymousUserOptions"/>). Off by default: unauthenticated requests get 401.
    /// </summary>
    public bool AllowAnonymousUsers { get; set; }

    /// <summary>Claim types tried, in order, for the user id of an authenticated principal.</summary>
    public IList<string> UserIdClaimTypes { get; } =
        [System.Security.Claims.ClaimTypes.NameIdentifier, "sub", "oid", System.Security.Claims.ClaimTypes.Name];
}
