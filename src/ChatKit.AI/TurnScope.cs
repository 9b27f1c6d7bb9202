using ChatKit.Server;
using ChatKit.Stores;

namespace ChatKit.AI;

/// <summary>
/// What every part of a <see cref="ChatClientTurn{TContext}"/> shares: the thread and context its items belong to, the
/// clock, and whether the user has been shown anything yet (a turn that shows nothing is an error).
/// </summary>
internal sealed class TurnScope<TContext>(ChatKitServer<TContext> server, ThreadMetadata thread, TContext context, ChatClientResponderOptions options)
{
    public ChatKitServer<TContext> Server { get; } = server;

    public ThreadMetadata Thread { get; } = thread;

    public TContext Context { get; } = context;

    public ChatClientResponderOptions Options { get; } = options;

    public string ThreadId => Thread.Id;

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>True once a message, image, notice, visible tool item or client tool call was produced.</summary>
    public bool ProducedVisibleItem { get; set; }

    public string CreateItemId(StoreItemKind kind) => Server.CreateItemId(kind, Thread, Context);
}
