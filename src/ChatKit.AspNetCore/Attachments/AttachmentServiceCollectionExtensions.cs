using ChatKit.AspNetCore;
using ChatKit.AspNetCore.Attachments;
using ChatKit.AspNetCore.Security;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="DiskAttachmentStore{TContext}"/>, its endpoints' services and the orphan clean-up.</summary>
public static class AttachmentServiceCollectionExtensions
{
    /// <summary>The configuration section of <see cref="ChatKitAttachmentOptions"/>.</summary>
    public const string ConfigurationSection = "ChatKit:Attachments";

    /// <summary>
    /// Stores uploads on disk: a <see cref="DiskAttachmentStore{TContext}"/> (as <see cref="IAttachmentStore{TContext}"/>
    /// too) with <see cref="ChatKitAttachmentOptions"/> bound from <c>ChatKit:Attachments</c> and validated at start,
    /// and the orphan clean-up. <c>MapChatKit</c> then maps the upload and preview endpoints.
    /// </summary>
    /// <param name="builder">The ChatKit builder.</param>
    /// <param name="configure">Applied after the configuration section (e.g. to set the root directory).</param>
    public static IChatKitBuilder<ChatKitRequestContext> AddDiskAttachments(
        this IChatKitBuilder<ChatKitRequestContext> builder, Action<ChatKitAttachmentOptions>? configure = null) =>
        builder.AddDiskAttachments(static userId => new ChatKitRequestContext { UserId = userId }, configure);

    /// <summary>Stores uploads on disk, for a custom context type.</summary>
    /// <param name="builder">The ChatKit builder.</param>
    /// <param name="contextForUser">Builds a context for a stored owner id (used by the orphan clean-up).</param>
    /// <param name="configure">Applied after the configuration section.</param>
    public static IChatKitBuilder<TContext> AddDiskAttachments<TContext>(
        this IChatKitBuilder<TContext> builder, Func<string, TContext> contextForUser, Action<ChatKitAttachmentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(contextForUser);
        var options = builder.Services.AddOptions<ChatKitAttachmentOptions>().BindConfiguration(ConfigurationSection);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        Register(builder.Services, contextForUser);
        return builder;
    }

    /// <summary>
    /// Registers a disk attachment store for the default <see cref="ChatKitRequestContext"/> with options set in code
    /// only. Prefer <c>AddChatKit&lt;TServer&gt;().AddDiskAttachments()</c>, which also binds configuration.
    /// </summary>
    public static IServiceCollection AddChatKitDiskAttachments(this IServiceCollection services, Action<ChatKitAttachmentOptions> configure) =>
        services.AddChatKitDiskAttachments<ChatKitRequestContext>(configure, static userId => new ChatKitRequestContext { UserId = userId });

    /// <summary>Registers a disk attachment store for a custom context type, with options set in code only.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets <see cref="ChatKitAttachmentOptions.RootDirectory"/> and limits.</param>
    /// <param name="contextForUser">Builds a context for a stored owner id (used by the orphan clean-up).</param>
    public static IServiceCollection AddChatKitDiskAttachments<TContext>(
        this IServiceCollection services, Action<ChatKitAttachmentOptions> configure, Func<string, TContext> contextForUser)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(contextForUser);
        services.AddOptions<ChatKitAttachmentOptions>().Configure(configure).ValidateOnStart();
        Register(services, contextForUser);
        return services;
    }

    private static void Register<TContext>(IServiceCollection services, Func<string, TContext> contextForUser)
    {
        services.AddChatKitRequestSecurity();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatKitAttachmentOptions>, ChatKitAttachmentOptionsValidator>());
        services.TryAddSingleton(static sp => new DiskAttachmentStore<TContext>(
            sp.GetRequiredService<IStore<TContext>>(),
            sp.GetRequiredService<IOptions<ChatKitAttachmentOptions>>().Value,
            sp.GetService<IDataProtectionProvider>(),
            timeProvider: sp.GetRequiredService<TimeProvider>(),
            publicOrigin: sp.GetRequiredService<ChatKitPublicOrigin>(),
            metrics: sp.GetService<ChatKitMetrics>()));
        services.TryAddSingleton<IAttachmentStore<TContext>>(static sp => sp.GetRequiredService<DiskAttachmentStore<TContext>>());
        services.TryAddSingleton(sp => new AttachmentOrphanSweeper<TContext>(
            sp.GetRequiredService<DiskAttachmentStore<TContext>>(), contextForUser, sp.GetService<ILogger<AttachmentOrphanSweeper<TContext>>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(static sp => sp.GetRequiredService<AttachmentOrphanSweeper<TContext>>());
    }
}
