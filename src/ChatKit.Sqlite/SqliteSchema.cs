using Microsoft.Data.Sqlite;

namespace ChatKit.Sqlite;

/// <summary>The versioned schema of <see cref="SqliteStore{TContext}"/>; migrations run once, in order, on start.</summary>
internal static class SqliteSchema
{
    /// <summary>Every migration, in version order. Never edit a shipped one: append a new version.</summary>
    /// <remarks>
    /// <c>created_at</c> columns hold UTC microseconds since the Unix epoch, the precision of the protocol's
    /// datetimes, so they sort like the timestamps. <c>seq</c> (the rowid) is the insertion order that breaks ties
    /// and survives upserts. Threads and attachments are keyed per user; items belong to (user, thread).
    /// <c>items.client_json</c> is 1 when <c>json</c> may be sent to the client unchanged (no private attachment
    /// metadata); rows written before version 2 keep 0 and are converted when read.
    /// </remarks>
    public static readonly (int Version, string Name, string Sql)[] Migrations =
    [
        (1, "threads, items and attachments", """
            CREATE TABLE threads (
                seq        INTEGER PRIMARY KEY,
                user_id    TEXT    NOT NULL,
                id         TEXT    NOT NULL,
                created_at INTEGER NOT NULL,
                json       TEXT    NOT NULL,
                UNIQUE (user_id, id)
            );
            CREATE INDEX threads_by_user_time ON threads (user_id, created_at, seq);

            CREATE TABLE items (
                seq        INTEGER PRIMARY KEY,
                user_id    TEXT    NOT NULL,
                thread_id  TEXT    NOT NULL,
                id         TEXT    NOT NULL,
                created_at INTEGER NOT NULL,
                type       TEXT    NOT NULL,
                json       TEXT    NOT NULL,
                UNIQUE (user_id, thread_id, id),
                FOREIGN KEY (user_id, thread_id) REFERENCES threads (user_id, id) ON DELETE CASCADE
            );
            CREATE INDEX items_by_thread_time ON items (user_id, thread_id, created_at, seq);

            CREATE TABLE attachments (
                user_id TEXT NOT NULL,
                id      TEXT NOT NULL,
                json    TEXT NOT NULL,
                PRIMARY KEY (user_id, id)
            ) WITHOUT ROWID;
            """),
        (2, "items.client_json: the stored json is also the client's", """
            ALTER TABLE items ADD COLUMN client_json INTEGER NOT NULL DEFAULT 0;
            """),
    ];

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; safe when several processes start at once.</summary>
    /// <exception cref="InvalidOperationException">The database was written by a newer version of the store.</exception>
    public static void Migrate(SqliteConnection connection)
    {
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS chatkit_schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """);

        // BEGIN IMMEDIATE: a second process migrating at the same time waits, then sees the versions applied.
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = CurrentVersion(connection, transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The ChatKit database is at schema version {current}, newer than this build supports ({LatestVersion}).");
        }

        foreach (var (version, name, sql) in Migrations)
        {
            if (version <= current)
            {
                continue;
            }

            Execute(connection, sql, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO chatkit_schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$name", name);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The highest applied version (0 for a new database).</summary>
    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM chatkit_schema_migrations";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
