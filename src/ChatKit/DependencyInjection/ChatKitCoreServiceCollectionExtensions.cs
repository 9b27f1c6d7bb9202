using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what every ChatKit server needs, with or without ASP.NET Core.</summary>
public static class ChatKitCoreServiceCollectionExtensions
{
    /// <summary>The configuration section ChatKit's options are bound from (sub-sections below it per package).</summary>
    public const string ConfigurationSection = "ChatKit";

    /// <summary>
    /// Registers <see cref="ChatKitServerOptions"/> (bound from <c>ChatKit</c>, validated at start),
    /// <see cref="TimeProvider.System"/> unless a clock is registered, <see cref="ChatKitMetrics"/> and
    /// <see cref="ChatKitServerDependencies{TContext}"/>. <c>AddChatKit</c> (ChatKit.AspNetCore) calls this; call it
    /// directly for a server hosted without ASP.NET Core. Add a store on the returned builder.
    /// </summary>
    /// <typeparam name="TContext">The per-request context.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Applied after the configuration section.</param>
    public static IChatKitBuilder<TContext> AddChatKitCore<TContext>(this IServiceCollection services, Action<ChatKitServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<ChatKitServerOptions>().BindConfiguration(ConfigurationSection);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatKitServerOptions>, ChatKitServerOptionsValidator>());
        services.TryAddSingleton<ChatKitMetrics>();
        services.TryAddSingleton<ChatKitServerDependencies<TContext>>();
        return new ChatKitBuilder<TContext>(services);
    }

    /// <summary>Applies <paramref name="configure"/> to the server options, after the configuration section.</summary>
    public static IChatKitBuilder<TContext> ConfigureServer<TContext>(this IChatKitBuilder<TContext> builder, Action<ChatKitServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Uses an <see cref="InMemoryStore{TContext}"/>: nothing survives a restart; for tests, demos and prototypes.
    /// </summary>
    public static IChatKitBuilder<TContext> AddInMemoryStore<TContext>(this IChatKitBuilder<TContext> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStore(static _ => new InMemoryStore<TContext>());
    }

    /// <summary>
    /// Uses the store <paramref name="factory"/> builds (a singleton), as <see cref="IStore{TContext}"/> and, when it
    /// implements it, as <see cref="IStoreProbe"/> (for the health check). A store that is also an
    /// <see cref="IThreadLockProvider"/> serializes turns across hosts, unless another
    /// <see cref="IThreadLockProvider"/> is registered. Store packages call this; a later store replaces an earlier one.
    /// </summary>
    /// <typeparam name="TContext">The per-request context.</typeparam>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Builds the store from the services.</param>
    public static IChatKitBuilder<TContext> AddStore<TContext, TStore>(this IChatKitBuilder<TContext> builder, Func<IServiceProvider, TStore> factory)
        where TStore : class, IStore<TContext>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        var services = builder.Services;
        services.RemoveAll<IStore<TContext>>();
        services.RemoveAll<IStoreProbe>();
        services.AddSingleton(factory);
        services.AddSingleton<IStore<TContext>>(static sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IStoreProbe>(static sp => sp.GetRequiredService<TStore>() as IStoreProbe ?? new UnprobedStore());
        return builder;
    }

    // A custom store without a probe: the health check can only say it is registered.
    private sealed class UnprobedStore : IStoreProbe
    {
        public Task ProbeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
