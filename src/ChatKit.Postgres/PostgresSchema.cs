using Npgsql;

namespace ChatKit.Postgres;

/// <summary>The versioned schema of <see cref="PostgresStore{TContext}"/>.</summary>
internal static class PostgresSchema
{
    /// <summary>Key of the transaction-scoped advisory lock that serializes migrations across hosts.</summary>
    public const long MigrationLockKey = 0x4348_4B54_4D49_4752; // "CHKTMIGR"

    /// <summary>First key of the two-key advisory locks used for threads (distinct from the single-key space).</summary>
    public const int ThreadLockNamespace = 0x4348_4B54; // "CHKT"

    /// <summary>Every migration, in version order; <c>{schema}</c> is replaced by the validated schema name.</summary>
    /// <remarks>
    /// Payloads are <c>jsonb</c> (<c>data</c>); <c>raw</c> holds the JSON text instead for the rare payload jsonb
    /// cannot represent (a <c>\u0000</c> in a string). <c>seq</c> is the insertion order that breaks ties in
    /// <c>created_at</c> and survives upserts. Threads and attachments are keyed per user; items per (user, thread),
    /// with a cascading foreign key to their thread.
    /// </remarks>
    public static readonly (int Version, string Name, string Sql)[] Migrations =
    [
        (1, "threads, items and attachments", """
            CREATE TABLE {schema}.threads (
                user_id    text        NOT NULL,
                id         text        NOT NULL,
                seq        bigint      GENERATED ALWAYS AS IDENTITY,
                created_at timestamptz NOT NULL,
                data       jsonb,
                raw        text,
                PRIMARY KEY (user_id, id),
                CHECK (data IS NOT NULL OR raw IS NOT NULL)
            );
            CREATE INDEX threads_by_user_time ON {schema}.threads (user_id, created_at, seq);

            CREATE TABLE {schema}.items (
                user_id    text        NOT NULL,
                thread_id  text        NOT NULL,
                id         text        NOT NULL,
                seq        bigint      GENERATED ALWAYS AS IDENTITY,
                created_at timestamptz NOT NULL,
                type       text        NOT NULL,
                data       jsonb,
                raw        text,
                PRIMARY KEY (user_id, thread_id, id),
                FOREIGN KEY (user_id, thread_id) REFERENCES {schema}.threads (user_id, id) ON DELETE CASCADE,
                CHECK (data IS NOT NULL OR raw IS NOT NULL)
            );
            CREATE INDEX items_by_thread_time ON {schema}.items (user_id, thread_id, created_at, seq);

            CREATE TABLE {schema}.attachments (
                user_id text NOT NULL,
                id      text NOT NULL,
                data    jsonb,
                raw     text,
                PRIMARY KEY (user_id, id),
                CHECK (data IS NOT NULL OR raw IS NOT NULL)
            );
            """),

        // Whether an item's stored JSON is also its client JSON (IThreadItemJsonSource). Rows written before are
        // marked false: they are converted on the way out, which is always correct, just not the fast path.
        (2, "items.client_json", """
            ALTER TABLE {schema}.items ADD COLUMN client_json boolean NOT NULL DEFAULT false;
            """),

        // Runs shared between hosts (PostgresRunExchange): one row per run, with the lease its host renews on the
        // database clock, and one row per published batch of its events (newline-joined event JSON; first_seq 0
        // marks a batch holding the run's current state, which replaced the batches before it).
        (3, "runs and run_events", """
            CREATE TABLE {schema}.runs (
                id          text        PRIMARY KEY,
                user_id     text        NOT NULL,
                thread_id   text        NOT NULL,
                host_id     text        NOT NULL,
                started     timestamptz NOT NULL DEFAULT now(),
                lease_until timestamptz NOT NULL,
                last_seq    bigint      NOT NULL DEFAULT 0,
                ended       timestamptz,
                outcome     text,
                FOREIGN KEY (user_id, thread_id) REFERENCES {schema}.threads (user_id, id) ON DELETE CASCADE
            );
            CREATE INDEX runs_by_thread ON {schema}.runs (user_id, thread_id, started);
            CREATE INDEX runs_ended ON {schema}.runs (ended) WHERE ended IS NOT NULL;
            CREATE INDEX runs_by_lease ON {schema}.runs (lease_until) WHERE ended IS NULL;

            CREATE TABLE {schema}.run_events (
                run_id    text   NOT NULL REFERENCES {schema}.runs (id) ON DELETE CASCADE,
                first_seq bigint NOT NULL,
                last_seq  bigint NOT NULL,
                events    bytea  NOT NULL,
                PRIMARY KEY (run_id, last_seq)
            );
            """),
    ];

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>
    /// Applies pending migrations in one transaction under <c>pg_advisory_xact_lock</c>, so hosts starting at the
    /// same time apply each migration once.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock($1)", cancellationToken, MigrationLockKey).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken).ConfigureAwait(false);

        var current = await CurrentVersionAsync(connection, transaction, schema, cancellationToken).ConfigureAwait(false);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The ChatKit schema '{schema}' is at version {current}, newer than this build supports ({LatestVersion}).");
        }

        foreach (var (version, name, sql) in Migrations)
        {
            if (version <= current)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, sql.Replace("{schema}", schema, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"INSERT INTO {schema}.schema_migrations (version, name) VALUES ($1, $2)", cancellationToken, version, name).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The highest applied version (0 when none).</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {schema}.schema_migrations", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
