using ChatKit.AspNetCore.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the request checks and the anonymous-user cookie shared by the ChatKit endpoints.</summary>
public static class ChatKitSecurityServiceCollectionExtensions
{
    /// <summary>The configuration section of <see cref="ChatKitSecurityOptions"/>.</summary>
    public const string SecuritySection = "ChatKit:Security";

    /// <summary>The configuration section of <see cref="ChatKitAnonymousUserOptions"/>.</summary>
    public const string AnonymousUsersSection = "ChatKit:AnonymousUsers";

    /// <summary>
    /// Registers <see cref="ChatKitSecurityOptions"/>, <see cref="ChatKitAnonymousUserOptions"/>,
    /// <see cref="ChatKitPublicOrigin"/> and <see cref="AnonymousUserCookie"/>. <c>AddChatKit</c>,
    /// <c>AddChatKitDiskAttachments</c> and <c>AddChatKitSessions</c> call it. The options are bound from the
    /// <c>ChatKit:Security</c> and <c>ChatKit:AnonymousUsers</c> configuration sections (once, however often this is
    /// called); <paramref name="configure"/> is applied after them.
    /// </summary>
    public static IServiceCollection AddChatKitRequestSecurity(this IServiceCollection services, Action<ChatKitSecurityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(static d => d.ServiceType == typeof(ChatKitPublicOrigin)))
        {
            // Binding twice would append configured list entries (allowed hosts, origins) a second time.
            services.AddOptions<ChatKitSecurityOptions>().BindConfiguration(SecuritySection);
            services.AddOptions<ChatKitAnonymousUserOptions>().BindConfiguration(AnonymousUsersSection).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatKitAnonymousUserOptions>, ChatKitAnonymousUserOptionsValidator>());
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddDataProtection();
        services.TryAddSingleton<ChatKitPublicOrigin>();
        services.TryAddSingleton<AnonymousUserCookie>();
        return services;
    }
}
