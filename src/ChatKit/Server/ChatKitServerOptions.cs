namespace ChatKit.Server;

/// <summary>Settings of a <see cref="ChatKitServer{TContext}"/>.</summary>
public sealed class ChatKitServerOptions
{
    /// <summary>The largest request body accepted, in bytes (default 10 MB); larger bodies are rejected with 413.</summary>
    public long MaxRequestBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Page size used when a list request gives no limit (default 20, as the reference).</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>The largest page a list request may ask for (default 1,000); larger limits are rejected with 400.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>
    /// How many turns may wait behind the running turn of one thread in this process (default 1); more get 429
    /// <c>thread_busy</c> at once, with <see cref="BusyRetryAfter"/>.
    /// </summary>
    public int MaxQueuedTurnsPerThread { get; set; } = 1;

    /// <summary>
    /// How many turns (streaming requests, running or waiting) one user may have in this process at once (default 4);
    /// more get 429 <c>too_many_turns</c> at once, with <see cref="BusyRetryAfter"/>.
    /// </summary>
    public int MaxConcurrentTurnsPerUser { get; set; } = 4;

    /// <summary>The <c>Retry-After</c> sent with the 429s of the turn limits (default 5 s).</summary>
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest id (thread, item, attachment, cursor) a request may carry, in characters (default 256); longer ones get 400.</summary>
    public int MaxIdLength { get; set; } = 256;

    /// <summary>The longest thread title <c>threads.update</c> accepts, in characters (default 1,000).</summary>
    public int MaxTitleLength { get; set; } = 1000;

    /// <summary>
    /// The most text one user message may carry, in characters: its text and tag parts and quoted text together
    /// (default 100,000).
    /// </summary>
    public int MaxMessageTextLength { get; set; } = 100_000;

    /// <summary>
    /// The largest item a request may create, in bytes of its JSON (default 1 MB): a user message, or a client tool
    /// call with its output, or an answered structured input.
    /// </summary>
    public int MaxItemBytes { get; set; } = 1024 * 1024;

    /// <summary>How many attachments one user message may reference (default 10); an id given twice is refused.</summary>
    public int MaxAttachmentsPerMessage { get; set; } = 10;

    /// <summary>
    /// The byte budget of one list page (<c>threads.list</c>, <c>items.list</c>, the items of
    /// <c>threads.get_by_id</c>; default 4 MB). A page that would exceed it stops early with <c>has_more</c> and a
    /// cursor; it always holds at least one entry.
    /// </summary>
    public int MaxPageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Whether <c>threads.delete</c> also deletes the attachments (bytes and metadata) its messages used. Off by
    /// default, as the reference.
    /// </summary>
    public bool DeleteAttachmentsWithThread { get; set; }

    /// <summary>
    /// How long a turn waits for the previous turn of its thread under the in-process locks (default 30 s), before a
    /// 409. Stores with their own locks have their own timeout (e.g. <c>ChatKit:Postgres:ThreadLockTimeout</c>).
    /// </summary>
    public TimeSpan ThreadLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the clean-up after a cancelled stream may take (default 30 s).</summary>
    public TimeSpan CancellationCleanupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most bytes of events the journal of one run keeps for clients that re-attach (default 1 MB, docs/protocol.md
    /// §16). Older events are dropped; a client whose cursor falls before the journal gets the run's current state
    /// instead of the events it missed.
    /// </summary>
    public int RunJournalMaxBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// When the application stops, how long its running runs get to end on their own before they are stopped as by
    /// <c>threads.stop_run</c> (default 10 s; keep it, plus the clean-up, within the host's shutdown timeout, 30 s by
    /// default). See <see cref="ChatKitServer{TContext}.DrainRunsAsync"/>.
    /// </summary>
    public TimeSpan RunDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a finished run's journal stays for late re-attaches (default 30 s).</summary>
    public TimeSpan RunGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A run saves its partial output to the store after this many text deltas (default 64), so a host that dies
    /// mid-reply leaves the reply up to that point in the thread.
    /// </summary>
    public int RunCheckpointDeltas { get; set; } = 64;

    /// <summary>… or when this much time passed since its last checkpoint and a delta arrives (default 2 s).</summary>
    public TimeSpan RunCheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);
}
