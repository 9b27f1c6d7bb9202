using ChatKit.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ChatKit rate limiter policy.</summary>
public static class ChatKitRateLimiting
{
    /// <summary>The policy name, for <c>MapChatKit(...).RequireRateLimiting(ChatKitRateLimiting.PolicyName)</c>.</summary>
    public const string PolicyName = "ChatKit";

    /// <summary>The configuration section of <see cref="ChatKitRateLimitingOptions"/>.</summary>
    public const string ConfigurationSection = "ChatKit:RateLimiting";

    /// <summary>
    /// Adds the rate limiter services with the <see cref="PolicyName"/> policy: a fixed window of requests per
    /// signed-in user, falling back to the client IP address (see <see cref="ChatKitRateLimitingOptions"/>). Apply it
    /// with <c>app.UseRateLimiter()</c> and <c>app.MapChatKit().RequireRateLimiting(ChatKitRateLimiting.PolicyName)</c>.
    /// The options are bound from <see cref="ConfigurationSection"/>; <paramref name="configure"/> is applied after it.
    /// </summary>
    public static IServiceCollection AddChatKitRateLimiting(this IServiceCollection services, Action<ChatKitRateLimitingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ChatKitRateLimitingOptions>().BindConfiguration(ConfigurationSection);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<ChatKitHostingOptions>();
        services.AddRateLimiter(static limiter => limiter.AddPolicy<string, ChatKitRateLimiterPolicy>(PolicyName));
        return services;
    }
}
