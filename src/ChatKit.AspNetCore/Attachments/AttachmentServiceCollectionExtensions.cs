using ChatKit.AspNetCore;
using ChatKit.AspNetCore.Attachments;
using ChatKit.AspNetCore.Security;
using ChatKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="DiskAttachmentStore{TContext}"/>, its endpoints' services and the orphan clean-up.</summary>
public static class AttachmentServiceCollectionExtensions
{
    /// <summary>
    /// Registers a disk attachment store for the default <see cref="ChatKitRequestContext"/> (as
    /// <see cref="IAttachmentStore{TContext}"/> too) and the orphan clean-up. <c>MapChatKit</c> then maps the upload
    /// and preview endpoints. Needs an <see cref="IStore{TContext}"/> registration.
    /// </summary>
    public static IServiceCollection AddChatKitDiskAttachments(this IServiceCollection services, Action<ChatKitAttachmentOptions> configure) =>
        services.AddChatKitDiskAttachments<ChatKitRequestContext>(configure, static userId => new ChatKitRequestContext { UserId = userId });

    /// <summary>Registers a disk attachment store for a custom context type.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets <see cref="ChatKitAttachmentOptions.RootDirectory"/> and limits.</param>
    /// <param name="contextForUser">Builds a context for a stored owner id (used by the orphan clean-up).</param>
    public static IServiceCollection AddChatKitDiskAttachments<TContext>(
        this IServiceCollection services, Action<ChatKitAttachmentOptions> configure, Func<string, TContext> contextForUser)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(contextForUser);
        services.AddChatKitRequestSecurity();
        services.TryAddSingleton(sp =>
        {
            var options = new ChatKitAttachmentOptions();
            configure(options);
            return new DiskAttachmentStore<TContext>(
                sp.GetRequiredService<IStore<TContext>>(), options, sp.GetService<IDataProtectionProvider>(), timeProvider: sp.GetService<TimeProvider>(),
                publicOrigin: sp.GetRequiredService<ChatKitPublicOrigin>());
        });
        services.TryAddSingleton<IAttachmentStore<TContext>>(sp => sp.GetRequiredService<DiskAttachmentStore<TContext>>());
        services.TryAddSingleton(sp => new AttachmentOrphanSweeper<TContext>(
            sp.GetRequiredService<DiskAttachmentStore<TContext>>(), contextForUser,
            sp.GetService<Microsoft.Extensions.Logging.ILogger<AttachmentOrphanSweeper<TContext>>>()));
        services.AddHostedService(sp => sp.GetRequiredService<AttachmentOrphanSweeper<TContext>>());
        return services;
    }
}
