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
}
