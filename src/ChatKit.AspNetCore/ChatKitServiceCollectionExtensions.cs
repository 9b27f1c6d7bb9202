using System.Diagnostics.CodeAnalysis;
using ChatKit.AspNetCore;
using ChatKit.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a ChatKit server with dependency injection.</summary>
public static class ChatKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TServer"/> (a singleton) with the default <see cref="ChatKitRequestContext"/>,
    /// whose user id comes from the authenticated principal. <see cref="ChatKitHostingOptions"/> and
    /// <see cref="ChatKitServerOptions"/> are bound from the <c>ChatKit</c> configuration section and validated at
    /// start. Add a store on the returned builder (<c>AddSqliteStore</c>, <c>AddPostgresStore</c>,
    /// <c>AddInMemoryStore</c>) and, for uploads, <c>AddDiskAttachments</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Applied to the hosting options after the configuration section.</param>
    public static IChatKitBuilder<ChatKitRequestContext> AddChatKit<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TServer>(this IServiceCollection services, Action<ChatKitHostingOptions>? configure = null)
        where TServer : ChatKitServer<ChatKitRequestContext>
    {
        services.TryAddSingleton<IChatKitContextFactory<ChatKitRequestContext>, DefaultChatKitContextFactory>();
        return services.AddChatKit<TServer, ChatKitRequestContext>(configure);
    }

    /// <summary>
    /// Registers <typeparamref name="TServer"/> (a singleton) for a custom context type. Register an
    /// <see cref="IChatKitContextFactory{TContext}"/> too, or use the overload taking a factory delegate.
    /// </summary>
    public static IChatKitBuilder<TContext> AddChatKit<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TServer, TContext>(this IServiceCollection services, Action<ChatKitHostingOptions>? configure = null)
        where TServer : ChatKitServer<TContext>
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddChatKitCore<TContext>();
        var options = services.AddOptions<ChatKitHostingOptions>().BindConfiguration(ChatKitCoreServiceCollectionExtensions.ConfigurationSection);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddChatKitRequestSecurity();
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatKitHostingOptions>, ChatKitHostingOptionsValidator>());
        services.TryAddSingleton<TServer>();
        services.TryAddSingleton<ChatKitServer<TContext>>(sp => sp.GetRequiredService<TServer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChatKitRunDrain<TContext>>());
        return builder;
    }

    /// <summary>Registers <typeparamref name="TServer"/> with a context built by <paramref name="contextFactory"/>.</summary>
    public static IChatKitBuilder<TContext> AddChatKit<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TServer, TContext>(
        this IServiceCollection services,
        Func<HttpContext, CancellationToken, ValueTask<TContext>> contextFactory,
        Action<ChatKitHostingOptions>? configure = null)
        where TServer : ChatKitServer<TContext>
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        services.TryAddSingleton<IChatKitContextFactory<TContext>>(new DelegateContextFactory<TContext>(contextFactory));
        return services.AddChatKit<TServer, TContext>(configure);
    }

    private sealed class DelegateContextFactory<TContext>(Func<HttpContext, CancellationToken, ValueTask<TContext>> factory)
        : IChatKitContextFactory<TContext>
    {
        public ValueTask<TContext> CreateAsync(HttpContext httpContext, CancellationToken cancellationToken) => factory(httpContext, cancellationToken);
    }
}
