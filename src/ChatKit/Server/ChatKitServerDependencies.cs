using ChatKit.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatKit.Server;

/// <summary>
/// Everything a <see cref="ChatKitServer{TContext}"/> takes from dependency injection, in one parameter, so a server
/// is written as <c>class MyServer(ChatKitServerDependencies&lt;MyContext&gt; deps) : ChatKitServer&lt;MyContext&gt;(deps)</c>
/// and keeps working when ChatKit needs one more service. Registered by <c>AddChatKit</c>.
/// </summary>
/// <typeparam name="TContext">The per-request context.</typeparam>
/// <param name="store">The store (added with <c>AddSqliteStore</c>, <c>AddPostgresStore</c>, <c>AddInMemoryStore</c>).</param>
/// <param name="options">Server options, bound from the <c>ChatKit</c> configuration section.</param>
/// <param name="timeProvider">The clock for <c>created_at</c> and lock timeouts.</param>
/// <param name="loggerFactory">Where the server's logger comes from (category: the server's type).</param>
/// <param name="metrics">The instruments; none recorded when null.</param>
/// <param name="attachmentStore">Attachment bytes, when uploads are enabled (<c>AddDiskAttachments</c>).</param>
/// <param name="threadLocks">
/// Turn serialization when registered; otherwise the store's (when it provides locks), else in-process locks.
/// </param>
public sealed class ChatKitServerDependencies<TContext>(
    IStore<TContext> store,
    IOptions<ChatKitServerOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory? loggerFactory = null,
    ChatKitMetrics? metrics = null,
    IAttachmentStore<TContext>? attachmentStore = null,
    IThreadLockProvider? threadLocks = null)
{
    /// <summary>The store.</summary>
    public IStore<TContext> Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The server options.</summary>
    public ChatKitServerOptions Options { get; } = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider ?? TimeProvider.System;

    /// <summary>The logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; } = loggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>The instruments, or null.</summary>
    public ChatKitMetrics? Metrics { get; } = metrics;

    /// <summary>The attachment store, or null.</summary>
    public IAttachmentStore<TContext>? AttachmentStore { get; } = attachmentStore;

    /// <summary>Registered thread locks, or null.</summary>
    public IThreadLockProvider? ThreadLocks { get; } = threadLocks;
}
