using ChatKit.Sqlite;
using ChatKit.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the SQLite store to a ChatKit server.</summary>
public static class SqliteChatKitBuilderExtensions
{
    /// <summary>The configuration section of <see cref="SqliteStoreOptions"/>.</summary>
    public const string ConfigurationSection = "ChatKit:Sqlite";

    /// <summary>
    /// Uses a <see cref="SqliteStore{TContext}"/> (a singleton) with <see cref="SqliteStoreOptions"/> bound from
    /// <c>ChatKit:Sqlite</c> and validated at start (<c>ChatKit:Sqlite:FilePath</c> is required, here or in
    /// <paramref name="configure"/>).
    /// </summary>
    /// <typeparam name="TContext">The per-request context.</typeparam>
    /// <param name="builder">The ChatKit builder.</param>
    /// <param name="configure">Applied after the configuration section.</param>
    /// <param name="userSelector">Extracts the user that scopes data; defaults to <see cref="UserScope.Default{TContext}"/>.</param>
    public static IChatKitBuilder<TContext> AddSqliteStore<TContext>(
        this IChatKitBuilder<TContext> builder, Action<SqliteStoreOptions>? configure = null, Func<TContext, string>? userSelector = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SqliteStoreOptions>().BindConfiguration(ConfigurationSection);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        return builder.AddStore(sp => new SqliteStore<TContext>(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, userSelector));
    }
}
