using ChatKit.Server;

namespace ChatKit.Agents;

/// <summary>
/// A ChatKit server whose every turn runs an Agent Framework workflow (see <see cref="WorkflowResponder"/>). Register
/// it with <c>AddChatKit&lt;WorkflowChatKitServer&lt;TContext&gt;&gt;().AddWorkflow(workflow)</c>.
/// </summary>
/// <typeparam name="TContext">The per-request context built by the host.</typeparam>
public class WorkflowChatKitServer<TContext> : ChatKitServer<TContext>
{
    /// <summary>
    /// Creates the server from its services (registered by <c>AddChatKit</c>, or built by hand with
    /// <see cref="ChatKitServerDependencies{TContext}"/>) and the responder <c>AddWorkflow</c> registered.
    /// </summary>
    public WorkflowChatKitServer(ChatKitServerDependencies<TContext> dependencies, WorkflowResponder responder)
        : base(dependencies)
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
