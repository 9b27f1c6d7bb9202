using ChatKit.AspNetCore;
using ChatKit.Postgres;
using ChatKit.Sqlite;
using ChatKit.Stores;

namespace ChatKit.Demo;

/// <summary>
/// Picks the store from configuration: <c>ChatKit:Store</c> = <c>sqlite</c> (default, <c>chatkit.db</c> in the data
/// directory), <c>postgres</c> (connection string in <c>ChatKit:Postgres</c>) or <c>memory</c>.
/// </summary>
internal static class DemoStores
{
    public static IStore<ChatKitRequestContext> Create(IConfiguration configuration, string dataDirectory)
    {
        var kind = configuration["ChatKit:Store"] ?? "sqlite";
        return kind.ToLowerInvariant() switch
        {
            "sqlite" => new SqliteStore<ChatKitRequestContext>(Path.Combine(dataDirectory, "chatkit.db")),
            "postgres" or "postgresql" => new PostgresStore<ChatKitRequestContext>(
                configuration["ChatKit:Postgres"] is { Length: > 0 } connectionString
                    ? connectionString
                    : throw new InvalidOperationException("ChatKit:Store=postgres needs a connection string in ChatKit:Postgres.")),
            "memory" => new InMemoryStore<ChatKitRequestContext>(),
            _ => throw new InvalidOperationException($"Unknown ChatKit:Store '{kind}'. Use 'sqlite', 'postgres' or 'memory'."),
        };
    }
}
