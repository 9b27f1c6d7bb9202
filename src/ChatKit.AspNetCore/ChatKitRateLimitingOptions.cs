namespace ChatKit.AspNetCore;

/// <summary>
/// Settings of the rate limiter policy registered by <c>AddChatKitRateLimiting</c>: a fixed window of requests per
/// signed-in user, or per client IP address for requests without one.
/// </summary>
public sealed class ChatKitRateLimitingOptions
{
    /// <summary>Requests one signed-in user may make per <see cref="Window"/> (default 120).</summary>
    public int PermitLimit { get; set; } = 120;

    /// <summary>
    /// Requests one IP address may make per <see cref="Window"/> without a signed-in user (default 120). Anonymous
    /// users are counted by address, not by their cookie, which a client can simply drop. Behind a proxy, enable the
    /// forwarded-headers middleware so the address is the client's.
    /// </summary>
    public int AnonymousPermitLimit { get; set; } = 120;

    /// <summary>The window (default 1 minute).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
