using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatKit.OpenAI.Hosting;

/// <summary>
/// The rate limiter policy of the session endpoints: a fixed window per user (see
/// <see cref="ChatKitSessionUsers.PartitionKey"/>), answering 429 with <c>Retry-After</c> when exhausted.
/// </summary>
internal sealed class ChatKitSessionRateLimiterPolicy(IOptionsMonitor<ChatKitHostedOptions> options, ChatKitSessionUsers users) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = static async (context, cancellationToken) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await ChatKitSessionResponses.WriteErrorAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "rate_limited", "Too many chat session requests; try again later.", cancellationToken).ConfigureAwait(false);
    };

    /// <summary>The <see cref="HttpContext.Items"/> key set when the rate limiter middleware consulted this policy.</summary>
    internal static readonly object AppliedMarker = new();

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        // Lets the endpoint fail closed when app.UseRateLimiter() is missing from the pipeline.
        httpContext.Items[AppliedMarker] = true;
        var current = options.CurrentValue;
        var key = users.PartitionKey(httpContext, current);
        var permitLimit = current.RateLimitPermitLimit;
        var window = current.RateLimitWindow;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
