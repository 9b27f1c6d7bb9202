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
    /// each), the commit that crossed it copies them into the database file, and commits wait until it is done.
    /// Default 2,000 (about 8 MB of log; SQLite's own default is 1,000). Under a steady stream of turns the same pages
    /// (the tails of the tables and indexes) change in most commits and a checkpoint copies each page once, so a
    /// larger log copies fewer pages per turn; but the pause grows with it. Measured under saturation (bench scenario
    /// serve, wrk, 32 connections): 1,000 pages ~3,900 turns/s, p99 25 ms; 2,000 ~4,500, p99 30 ms; 5,000 ~4,500, p99
    /// 55 ms; 10,000 ~4,600, p99 340 ms. From 100 to 1,000,000.
    /// </summary>
    public int WalCheckpointPages { get; set; } = 2_000;

    internal const int MinWalCheckpointPages = 100;

    internal const int MaxWalCheckpointPages = 1_000_000;
}
