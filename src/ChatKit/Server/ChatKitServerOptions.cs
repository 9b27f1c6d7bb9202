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
    /// Serializes the turns of each thread, so two responses never interleave their items. Defaults to the store
    /// when it implements <see cref="ChatKit.Stores.IThreadLockProvider"/> (e.g. PostgreSQL, across hosts), otherwise
    /// to <see cref="ChatKit.Stores.InProcessThreadLocks"/>. A second turn waits for the first; past the provider's
    /// timeout it is rejected with 409.
    /// </summary>
    public ChatKit.Stores.IThreadLockProvider? ThreadLocks { get; set; }

    /// <summary>
    /// Whether <c>threads.delete</c> also deletes the attachments (bytes and metadata) its messages used. Off by
    /// default, as the reference.
    /// </summary>
    public bool DeleteAttachmentsWithThread { get; set; }

    /// <summary>How long the clean-up after a cancelled stream may take (default 30 s).</summary>
    public TimeSpan CancellationCleanupTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
