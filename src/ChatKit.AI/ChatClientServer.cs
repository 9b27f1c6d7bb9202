using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatKit.AI;

/// <summary>
/// A ready-to-use ChatKit server answering every turn with an <see cref="IChatClient"/>: history conversion, streamed
/// replies, server tools, client tools and, optionally, thread titles. Subclass it to handle actions or override hooks.
/// </summary>
/// <typeparam name="TContext">The per-request context built by the host.</typeparam>
public class ChatClientServer<TContext> : ChatKitServer<TContext>
{
    /// <summary>
    /// Creates the server from its registered services (see <c>AddChatKit</c>), answering with
    /// <paramref name="chatClient"/>. The responder logs and reads the clock through the same services.
    /// </summary>
    /// <param name="dependencies">The store, options, clock, logging and metrics.</param>
    /// <param name="chatClient">The model.</param>
    /// <param name="options">Instructions, tools, history conversion.</param>
    public ChatClientServer(ChatKitServerDependencies<TContext> dependencies, IChatClient chatClient, ChatClientResponderOptions? options = null)
        : base(dependencies)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        Responder = new ChatClientResponder(chatClient, WithDefaults(options, Logger, dependencies.TimeProvider));
    }

    /// <summary>Creates the server.</summary>
    /// <param name="store">Threads and items.</param>
    /// <param name="chatClient">The model (not wrapped in a function-invoking client: tools run here).</param>
    /// <param name="options">Instructions, tools and the rest of the responder settings.</param>
    /// <param name="attachmentStore">Attachment bytes, if uploads are supported.</param>
    /// <param name="serverOptions">Engine settings.</param>
    /// <param name="logger">Where failures are logged (also by the responder unless its options name another logger).</param>
    /// <param name="timeProvider">The clock (also used by the responder unless its options name another one).</param>
    public ChatClientServer(
        IStore<TContext> store,
        IChatClient chatClient,
        ChatClientResponderOptions? options = null,
        IAttachmentStore<TContext>? attachmentStore = null,
        ChatKitServerOptions? serverOptions = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
        : this(store, new ChatClientResponder(chatClient, WithDefaults(options, logger, timeProvider)), attachmentStore, serverOptions, logger, timeProvider)
    {
    }

    /// <summary>Creates the server around a (possibly customized) responder.</summary>
    public ChatClientServer(
        IStore<TContext> store,
        ChatClientResponder responder,
        IAttachmentStore<TContext>? attachmentStore = null,
        ChatKitServerOptions? serverOptions = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
        : base(store, attachmentStore, serverOptions, logger, timeProvider)
    {
        Responder = responder ?? throw new ArgumentNullException(nameof(responder));
    }

    /// <summary>Produces the replies.</summary>
    public ChatClientResponder Responder { get; }

    private static ChatClientResponderOptions WithDefaults(ChatClientResponderOptions? options, ILogger? logger, TimeProvider? timeProvider)
    {
        options ??= new ChatClientResponderOptions();
        options.Logger ??= logger;
        if (timeProvider is not null && ReferenceEquals(options.TimeProvider, TimeProvider.System))
        {
            options.TimeProvider = timeProvider;
        }

        return options;
    }

    /// <summary>
    /// Handles the Approve / Deny buttons of approval cards (<see cref="ChatClientResponder.RespondToToolApprovalAsync{TContext}"/>);
    /// other actions go to the base class (not supported). Override it for your own actions and call the base for the rest.
    /// </summary>
    protected override IAsyncEnumerable<ThreadStreamEvent> ActionAsync(
        ThreadMetadata thread, CustomAction action, WidgetItem? sender, TContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return ChatClientResponder.IsToolApprovalAction(action)
            ? Responder.RespondToToolApprovalAsync(this, thread, action, sender, context, cancellationToken)
            : base.ActionAsync(thread, action, sender, context, cancellationToken);
    }

    /// <inheritdoc />
    protected override IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, TContext context, CancellationToken cancellationToken) =>
        Responder.RespondAsync(this, thread, input, context, cancellationToken);
}
