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

    /// <summary>
    /// SQLite's <c>wal_autocheckpoint</c> on the store's writer: once the write-ahead log holds this many pages (4 KB
    /// each), the commit that crossed it copies them into the database file. Default 10,000 (about 40 MB of log);
    /// SQLite's own default is 1,000. Under a steady stream of turns the same pages (the tails of the tables and
    /// indexes) are written into most commits, and a checkpoint copies each page once however often it changed: a
    /// larger log copies them far fewer times (SQLite/memory throughput 0.22 to 0.27 in bench scenario w). The cost is
    /// disk space for the log and a longer pause for the commit that runs a checkpoint. From 100 to 1,000,000.
    /// </summary>
    public int WalCheckpointPages { get; set; } = 10_000;

    internal const int MinWalCheckpointPages = 100;

    internal const int MaxWalCheckpointPages = 1_000_000;
}
