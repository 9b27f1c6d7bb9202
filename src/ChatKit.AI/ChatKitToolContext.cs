using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Widgets;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// What a server tool sees of the ChatKit turn it runs in: the thread, the request context, and ways to stream into
/// the response (progress, widgets, client effects, any event) or to hand the turn to a client tool.
/// </summary>
/// <remarks>
/// Reach it from a tool through <see cref="Current"/>: it is set while a tool of a ChatKit turn runs, whichever
/// function-invoking client runs the tool (the one the responder adds, or one in the app's own pipeline or agent).
/// It is valid only while the tool runs.
/// </remarks>
public abstract class ChatKitToolContext
{
    private protected ChatKitToolContext(ToolHost host, FunctionCallContent call)
    {
        Host = host;
        Call = call;
    }

    /// <summary>The context of the tool running on this async flow, or null outside a tool of a ChatKit turn.</summary>
    public static ChatKitToolContext? Current =>
        ToolHost.Active is { } host && FunctionInvokingChatClient.CurrentContext is { } invocation
            ? host.ContextFor(invocation.CallContent)
            : null;

    /// <summary>The thread being answered (changes to its title, status or metadata are saved after the event that follows).</summary>
    public abstract ThreadMetadata Thread { get; }

    /// <summary>The request context (untyped; see <see cref="ChatKitToolContext{TContext}.RequestContext"/>).</summary>
    public abstract object? UntypedRequestContext { get; }

    /// <summary>The model's call being executed.</summary>
    public FunctionCallContent Call { get; }

    /// <summary>The current time.</summary>
    public DateTimeOffset Now => Host.TimeProvider.GetUtcNow();

    internal ToolHost Host { get; }

    /// <summary>A new item id of the given kind for this thread.</summary>
    public abstract string CreateItemId(StoreItemKind kind);

    /// <summary>Sends any event into the response stream (items are persisted by the server as usual).</summary>
    /// <exception cref="InvalidOperationException">The tool already returned.</exception>
    public async ValueTask StreamAsync(ThreadStreamEvent e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (Host.IsFinished(Call.CallId))
        {
            throw new InvalidOperationException("The tool already returned; its ChatKit context can no longer stream.");
        }

        try
        {
            await Host.Writer.WriteAsync(e, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException closed)
        {
            throw new InvalidOperationException("The tool already returned; its ChatKit context can no longer stream.", closed);
        }
    }

    /// <summary>Shows an ephemeral status line (gone after the turn).</summary>
    public ValueTask ProgressAsync(string text, IconName? icon = null, CancellationToken cancellationToken = default) =>
        StreamAsync(new ProgressUpdateEvent { Text = text, Icon = icon }, cancellationToken);

    /// <summary>Shows a widget as a new item (one <c>thread.item.done</c>).</summary>
    /// <returns>The widget item, e.g. to update it later from an action.</returns>
    public async ValueTask<WidgetItem> StreamWidgetAsync(WidgetRoot widget, string? copyText = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(widget);
        var item = new WidgetItem
        {
            Id = CreateItemId(StoreItemKind.Message),
            ThreadId = Thread.Id,
            CreatedAt = Now,
            Widget = widget,
            CopyText = copyText,
        };
        await StreamAsync(new ThreadItemDoneEvent { Item = item }, cancellationToken).ConfigureAwait(false);
        return item;
    }

    /// <summary>Fires a client effect (ChatKit.js <c>onEffect</c>).</summary>
    public ValueTask ClientEffectAsync(string name, JsonObject? data = null, CancellationToken cancellationToken = default) =>
        StreamAsync(new ClientEffectEvent { Name = name, Data = data ?? [] }, cancellationToken);

    /// <summary>Stores context for the model that the user never sees (a hidden context item).</summary>
    public ValueTask AddHiddenContextAsync(JsonNode content, CancellationToken cancellationToken = default) =>
        StreamAsync(
            new ThreadItemDoneEvent
            {
                Item = new HiddenContextItem { Id = CreateItemId(StoreItemKind.Message), ThreadId = Thread.Id, CreatedAt = Now, Content = content },
            },
            cancellationToken);

    /// <summary>
    /// Ends the turn with a call of a tool that runs in the browser (ChatKit.js <c>onClientTool</c>) once this tool
    /// returns; what this tool returns is discarded. When the client posts the output, the turn resumes and the model
    /// sees it as the result of its call. Only the first request of a turn counts.
    /// </summary>
    /// <param name="name">The client tool name.</param>
    /// <param name="arguments">Its arguments (passed to the client as <c>params</c>).</param>
    public void RequestClientToolCall(string name, JsonObject? arguments = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Host.RequestClientToolCall(new ClientToolRequest(Call.CallId, name, arguments ?? []));

        // The function-invoking client stops after this batch of calls instead of asking the model again.
        if (FunctionInvokingChatClient.CurrentContext is { } invocation)
        {
            invocation.Terminate = true;
        }
    }
}

/// <summary>The tool context with the typed request context and the server.</summary>
/// <typeparam name="TContext">The request context type of the server.</typeparam>
public sealed class ChatKitToolContext<TContext> : ChatKitToolContext
{
    internal ChatKitToolContext(ToolHost host, FunctionCallContent call, ChatKitServer<TContext> server, ThreadMetadata thread, TContext context)
        : base(host, call)
    {
        Server = server;
        Thread = thread;
        RequestContext = context;
    }

    /// <summary>The context of the tool running on this async flow, if it runs for a server of this context type.</summary>
    public static new ChatKitToolContext<TContext>? Current => ChatKitToolContext.Current as ChatKitToolContext<TContext>;

    /// <summary>The server (its store, options, id generation).</summary>
    public ChatKitServer<TContext> Server { get; }

    /// <summary>The store.</summary>
    public IStore<TContext> Store => Server.Store;

    /// <inheritdoc />
    public override ThreadMetadata Thread { get; }

    /// <summary>The request context.</summary>
    public TContext RequestContext { get; }

    /// <inheritdoc />
    public override object? UntypedRequestContext => RequestContext;

    /// <inheritdoc />
    public override string CreateItemId(StoreItemKind kind) => Server.CreateItemId(kind, Thread, RequestContext);
}
