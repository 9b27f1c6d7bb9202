using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.Logging;

namespace ChatKit.Agents;

/// <summary>
/// A ChatKit server whose every turn runs an Agent Framework workflow (see <see cref="WorkflowResponder"/>). Register
/// it with <c>AddChatKit&lt;WorkflowChatKitServer&lt;TContext&gt;&gt;().AddWorkflow(workflow)</c>.
/// </summary>
/// <typeparam name="TContext">The per-request context built by the host.</typeparam>
public class WorkflowChatKitServer<TContext> : ChatKitServer<TContext>
{
    /// <summary>Creates the server from its registered services and the responder <c>AddWorkflow</c> registered.</summary>
    public WorkflowChatKitServer(ChatKitServerDependencies<TContext> dependencies, WorkflowResponder responder)
        : base(dependencies)
    {
        Responder = responder ?? throw new ArgumentNullException(nameof(responder));
    }

    /// <summary>Creates the server without dependency injection.</summary>
    public WorkflowChatKitServer(
        IStore<TContext> store,
        WorkflowResponder responder,
        IAttachmentStore<TContext>? attachmentStore = null,
        ChatKitServerOptions? serverOptions = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
        : base(store, attachmentStore, serverOptions, logger, timeProvider)
    {
        Responder = responder ?? throw new ArgumentNullException(nameof(responder));
    }

    /// <summary>Answers the turns.</summary>
    public WorkflowResponder Responder { get; }

    /// <inheritdoc />
    protected override IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, TContext context, CancellationToken cancellationToken) =>
        Responder.RespondAsync(this, thread, input, context, cancellationToken);
}
