namespace ChatKit.AspNetCore;

/// <summary>
/// Settings of the ChatKit endpoint, bound from the <c>ChatKit</c> configuration section. The request body limit is
/// <see cref="ChatKit.Server.ChatKitServerOptions.MaxRequestBytes"/> (<c>ChatKit:MaxRequestBytes</c>).
/// </summary>
public sealed class ChatKitHostingOptions
{
    /// <summary>
    /// Whether requests without an authenticated user are served, each browser getting a stable anonymous id kept
    /// in a data-protected cookie (see <see cref="Security.ChatKitAnonymousUserOptions"/>). Off by default: unauthenticated requests get 401.
    /// </summary>
    public bool AllowAnonymousUsers { get; set; }

    /// <summary>
    /// Claim types tried, in order, for the user id of an authenticated principal. Only claims that identify a user
    /// uniquely and stably belong here: the display name (<see cref="System.Security.Claims.ClaimTypes.Name"/>) is
    /// deliberately absent, since two users can share one and would then share their threads. A principal with none of
    /// these claims is refused (401).
    /// </summary>
    public IList<string> UserIdClaimTypes { get; } =
        [System.Security.Claims.ClaimTypes.NameIdentifier, "sub", "oid"];
}
