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
    /// Default 1,000 (about 4 MB of log; SQLite's own default). A checkpoint copies each changed page once however
    /// often it changed, so a larger log copies fewer pages per turn, but the pause grows with it. With random thread
    /// ids, 2,000 was worth it (~3,900 -> ~4,500 turns/s); since thread ids are time-ordered a turn touches few pages and
    /// the two give the same throughput (~7,900-9,600 turns/s, bench scenario serve, wrk, 32 connections) with p99
    /// 10-13 ms at 1,000 and 15-17 ms at 2,000; 5,000 gave p99 29 ms and 10,000 (random ids) 340 ms. From 100 to
    /// 1,000,000.
    /// </summary>
    public int WalCheckpointPages { get; set; } = 1_000;

    internal const int MinWalCheckpointPages = 100;

    internal const int MaxWalCheckpointPages = 1_000_000;
}
