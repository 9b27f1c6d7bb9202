using System.Text.RegularExpressions;

namespace ChatKit.Postgres;

/// <summary>Options of <see cref="PostgresStore{TContext}"/>.</summary>
public sealed partial class PostgresStoreOptions
{
    /// <summary>
    /// The Npgsql connection string, used by <c>AddPostgresStore</c> when no <c>NpgsqlDataSource</c> is registered
    /// (e.g. with <c>AddNpgsqlDataSource</c>). Ignored by the constructors, which take the connection explicitly.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The PostgreSQL schema holding the tables (created when missing). Lowercase letters, digits and underscores.
    /// Default <c>chatkit</c>.
    /// </summary>
    public string Schema { get; set; } = "chatkit";

    /// <summary>
    /// How long <see cref="PostgresStore{TContext}.AcquireThreadLockAsync"/> waits for a turn running on the same
    /// thread (on any host) before giving up with a 409. Default 30 seconds.
    /// </summary>
    public TimeSpan ThreadLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a waiting turn retries the thread's advisory lock (default 100 ms). Between attempts the waiting turn
    /// holds no connection.
    /// </summary>
    public TimeSpan ThreadLockPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The <c>Retry-After</c> of the 503 sent when no pooled connection became free within the connection string's
    /// <c>Timeout</c> (default 2 s).
    /// </summary>
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a run stays alive for the other hosts without its host renewing it (default 15 s; renewed every third
    /// of it, on the database clock). A host that dies mid-run is noticed this long after its last renewal: its run's
    /// followers then end with the interrupted-reply notice and the thread shows it on the next load.
    /// </summary>
    public TimeSpan RunLeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether the store applies pending schema migrations before its first operation. Default true.</summary>
    public bool ApplyMigrations { get; set; } = true;

    internal bool HasValidSchema => Schema is not null && SchemaName().IsMatch(Schema);

    internal string ValidatedSchema() =>
        HasValidSchema
            ? Schema
            : throw new ArgumentException($"Schema name '{Schema}' must match [a-z_][a-z0-9_]{{0,62}}.", nameof(Schema));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
