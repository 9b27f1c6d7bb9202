using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore;

/// <summary>
/// The ChatKit rate limiter policy (<see cref="Microsoft.Extensions.DependencyInjection.ChatKitRateLimiting.PolicyName"/>): a fixed window per signed-in user
/// (the first of <see cref="ChatKitHostingOptions.UserIdClaimTypes"/>), else per client IP address. Rejections are
/// 429 <c>rate_limited</c> with <c>Retry-After</c> and the usual JSON error body.
/// </summary>
internal sealed class ChatKitRateLimiterPolicy(IOptionsMonitor<ChatKitRateLimitingOptions> options, IOptionsMonitor<ChatKitHostingOptions> hosting)
    : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = static async (context, _) =>
    {
        var response = context.HttpContext.Response;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = ChatKitEndpoint.RetryAfterSeconds(retryAfter);
        }

        await ChatKitEndpoint.WriteErrorAsync(
            context.HttpContext, StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests; try again later.").ConfigureAwait(false);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var current = options.CurrentValue;
        var (key, permitLimit) = UserId(httpContext) is { } userId
            ? ("user:" + userId, current.PermitLimit)
            : ("ip:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"), current.AnonymousPermitLimit);
        var window = current.Window;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private string? UserId(HttpContext httpContext)
    {
        var user = httpContext.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        foreach (var type in hosting.CurrentValue.UserIdClaimTypes)
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 } id)
            {
                return id;
            }
        }

        return null;
    }
}
