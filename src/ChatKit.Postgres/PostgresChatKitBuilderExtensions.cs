using ChatKit.Postgres;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the PostgreSQL store to a ChatKit server.</summary>
public static class PostgresChatKitBuilderExtensions
{
    /// <summary>The configuration section of <see cref="PostgresStoreOptions"/>.</summary>
    public const string ConfigurationSection = "ChatKit:Postgres";

    /// <summary>
    /// Uses a <see cref="PostgresStore{TContext}"/> (a singleton, also the cross-host turn lock) with
    /// <see cref="PostgresStoreOptions"/> bound from <c>ChatKit:Postgres</c> and validated at start. Its connections
    /// come from the <see cref="NpgsqlDataSource"/> registered in DI when there is one (e.g. <c>AddNpgsqlDataSource</c>),
    /// otherwise from <c>ChatKit:Postgres:ConnectionString</c>.
    /// </summary>
    /// <typeparam name="TContext">The per-request context.</typeparam>
    /// <param name="builder">The ChatKit builder.</param>
    /// <param name="configure">Applied after the configuration section.</param>
    /// <param name="userSelector">Extracts the user that scopes data; defaults to <see cref="UserScope.Default{TContext}"/>.</param>
    public static IChatKitBuilder<TContext> AddPostgresStore<TContext>(
        this IChatKitBuilder<TContext> builder, Action<PostgresStoreOptions>? configure = null, Func<TContext, string>? userSelector = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<PostgresStoreOptions>().BindConfiguration(ConfigurationSection);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStoreOptions>, PostgresStoreOptionsValidator>());
        return builder.AddStore(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<PostgresStoreOptions>>().Value;

            // A registered data source is the application's (it disposes it); one built here is the store's.
            var store = sp.GetService<NpgsqlDataSource>() is { } dataSource
                ? new PostgresStore<TContext>(dataSource, settings, userSelector)
                : new PostgresStore<TContext>(settings.ConnectionString!, settings, userSelector);
            if (sp.GetService<ILoggerFactory>() is { } loggers)
            {
                store.Runs.Logger = loggers.CreateLogger("ChatKit.Postgres.PostgresRunExchange");
            }

            if (sp.GetService<IOptions<ChatKitServerOptions>>() is { } server)
            {
                store.Runs.GracePeriod = server.Value.RunGracePeriod;
            }

            return store;
        });
    }
}
