using ChatKit.AspNetCore.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the request checks and the anonymous-user cookie shared by the ChatKit endpoints.</summary>
public static class ChatKitSecurityServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ChatKitSecurityOptions"/>, <see cref="ChatKitAnonymousUserOptions"/>,
    /// <see cref="ChatKitPublicOrigin"/> and <see cref="AnonymousUserCookie"/>. <c>AddChatKit</c>,
    /// <c>AddChatKitDiskAttachments</c> and <c>AddChatKitSessions</c> call it; calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddChatKitRequestSecurity(this IServiceCollection services, Action<ChatKitSecurityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ChatKitSecurityOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<ChatKitAnonymousUserOptions>();
        services.AddDataProtection();
        services.TryAddSingleton<ChatKitPublicOrigin>();
        services.TryAddSingleton<AnonymousUserCookie>();
        return services;
    }
}
