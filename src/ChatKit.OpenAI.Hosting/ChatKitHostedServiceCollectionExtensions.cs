using ChatKit.OpenAI.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the hosted ChatKit session endpoint's services.</summary>
public static class ChatKitHostedServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <c>MapChatKitSessions</c> needs: the <c>ChatKitSessionsClient</c> (see
    /// <c>AddChatKitSessionsClient</c>), <see cref="ChatKitHostedOptions"/> bound from <c>ChatKit:Hosted</c>, data
    /// protection (for anonymous ids) and the per-user rate limiter policy
    /// <see cref="ChatKitHostedDefaults.RateLimiterPolicyName"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Optional configuration applied after the configuration section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddChatKitSessions(this IServiceCollection services, Action<ChatKitHostedOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddChatKitSessionsClient();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ChatKitHostedOptions>, ChatKitHostedOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatKitHostedOptions>, ChatKitHostedValidation>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddChatKitRequestSecurity();
        if (!services.Any(static d => d.ServiceType == typeof(ChatKitSessionUsers)))
        {
            services.AddSingleton<ChatKitSessionUsers>();
            services.AddRateLimiter(static limiter => limiter.AddPolicy<string, ChatKitSessionRateLimiterPolicy>(ChatKitHostedDefaults.RateLimiterPolicyName));
        }

        return services;
    }
}
