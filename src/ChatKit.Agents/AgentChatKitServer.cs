using ChatKit.AI;
using ChatKit.Server;
using Microsoft.Agents.AI;

namespace ChatKit.Agents;

/// <summary>
/// A ChatKit server whose every turn is answered by an <see cref="AIAgent"/> (see <see cref="AgentResponder"/>).
/// Register it with <c>AddChatKit&lt;AgentChatKitServer&lt;TContext&gt;&gt;().AddAgent(agent)</c>, or subclass it to
/// handle widget actions.
/// </summary>
/// <typeparam name="TContext">The per-request context built by the host.</typeparam>
public class AgentChatKitServer<TContext> : ChatKitServer<TContext>
{
    /// <summary>
    /// Creates the server from its services (registered by <c>AddChatKit</c>, or built by hand with
    /// <see cref="ChatKitServerDependencies{TContext}"/>) and the responder <c>AddAgent</c> registered.
    /// </summary>
    public AgentChatKitServer(ChatKitServerDependencies<TContext> dependencies, AgentResponder responder)
        : base(dependencies)
    {
        Responder = responder ?? throw new ArgumentNullException(nameof(responder));
        ApplyDefaults(Responder.Options, Logger, dependencies.TimeProvider);
    }

    /// <summary>Answers the turns.</summary>
    public AgentResponder Responder { get; }

    /// <inheritdoc />
    protected override IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, TContext context, CancellationToken cancellationToken) =>
        Responder.RespondAsync(this, thread, input, context, cancellationToken);

    /// <summary>Handles the Approve / Deny buttons of approval cards; other actions go to the base class.</summary>
    protected override IAsyncEnumerable<ThreadStreamEvent> ActionAsync(
        ThreadMetadata thread, CustomAction action, WidgetItem? sender, TContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return ChatClientResponder.IsToolApprovalAction(action)
            ? Responder.RespondToToolApprovalAsync(this, thread, action, sender, context, cancellationToken)
            : base.ActionAsync(thread, action, sender, context, cancellationToken);
    }

    // The turn logs and reads the clock where the server does, unless its options name others.
    private static void ApplyDefaults(AgentResponderOptions options, Microsoft.Extensions.Logging.ILogger? logger, TimeProvider? timeProvider)
    {
        options.Turn.Logger ??= logger;
        if (timeProvider is not null && ReferenceEquals(options.Turn.TimeProvider, TimeProvider.System))
        {
            options.Turn.TimeProvider = timeProvider;
        }
    }
}
