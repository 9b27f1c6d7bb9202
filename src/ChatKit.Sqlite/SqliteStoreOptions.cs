namespace ChatKit.Sqlite;

/// <summary>Where and how <see cref="SqliteStore{TContext}"/> keeps its database.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>
    /// The database file (e.g. <c>&lt;DataDirectory&gt;/chatkit.db</c>); its directory is created when missing.
    /// Required.
    /// </summary>
    public string FilePath { get; set; } = string.Empty;

    /// <summary>
    /// How long an operation waits for another writer (another process, since writes inside one store are queued)
    /// before failing. Default 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQLite's <c>synchronous</c> setting under WAL: <c>true</c> (default) uses <c>NORMAL</c>, which survives
    /// application crashes and may lose the last commits on power loss; <c>false</c> uses <c>FULL</c>.
    /// </summary>
    public bool RelaxedDurability { get; set; } = true;
}
