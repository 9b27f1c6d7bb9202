namespace ChatKit.AspNetCore;

/// <summary>Settings of the ChatKit endpoint.</summary>
public sealed class ChatKitHostingOptions
{
    /// <summary>The largest request body accepted, in bytes (default 10 MB); larger requests get 413.</summary>
    public long MaxRequestBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Whether requests without an authenticated user are served, each browser getting a stable anonymous id kept
    /// in a data-protected cookie. Off by default: unauthenticated requests get 401.
    /// </summary>
    public bool AllowAnonymousUsers { get; set; }

    /// <summary>Name of the cookie that keeps an anonymous user's id.</summary>
    public string AnonymousCookieName { get; set; } = ".chatkit.uid";

    /// <summary>
    /// Claim types tried, in order, for the user id of an authenticated principal. Only claims that identify a user
    /// uniquely and stably belong here: the display name (<see cref="System.Security.Claims.ClaimTypes.Name"/>) is
    /// deliberately absent, since two users can share one and would then share their threads. A principal with none of
    /// these claims is refused (401).
    /// </summary>
    public IList<string> UserIdClaimTypes { get; } =
        [System.Security.Claims.ClaimTypes.NameIdentifier, "sub", "oid"];
}
