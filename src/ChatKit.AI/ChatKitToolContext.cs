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

    /// <summary>
    /// Streams a widget that changes over time: <c>thread.item.added</c> with the first state, then the updates
    /// between successive states (<see cref="WidgetDiff"/>), then <c>thread.item.done</c> with the last state.
    /// </summary>
    /// <param name="states">The states, e.g. from an async iterator; a typed root sequence fits too (the sequence is covariant).</param>
    /// <param name="copyText">Text for the message's copy button.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The finished widget item.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="states"/> yields no state, or the tool already returned.</exception>
    public async ValueTask<WidgetItem> StreamWidgetAsync(IAsyncEnumerable<WidgetRoot> states, string? copyText = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        WidgetItem? finished = null;
        await foreach (var e in WidgetStreaming.StreamWidgetAsync(Thread, states, () => CreateItemId(StoreItemKind.Message), copyText, Host.TimeProvider, cancellationToken)
                           .ConfigureAwait(false))
        {
            await StreamAsync(e, cancellationToken).ConfigureAwait(false);
            if (e is ThreadItemDoneEvent { Item: WidgetItem done })
            {
                finished = done;
            }
        }

        return finished!;
    }

    /// <summary>The app's state for this turn, shared by all its tools (see <see cref="ChatKitTurnState"/>).</summary>
    public ChatKitTurnState State => Host.State;

    /// <summary>
    /// Starts a workflow (closing the one open). A custom workflow is shown with its first task; a reasoning one at
    /// once. If the tool leaves it open, the turn continues it: it ends when a message starts or the turn ends, keeping
    /// the workflow's own summary if it has one, and it outlives a client tool call until the turn resumes.
    /// </summary>
    public async ValueTask StartWorkflowAsync(Workflow workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        await RunWorkflowCommandAsync(control => (control.Start(workflow), 0), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a task to the open workflow (starting a custom one if none is open).</summary>
    /// <returns>The task's index, for <see cref="UpdateWorkflowTaskAsync"/>.</returns>
    public ValueTask<int> AddWorkflowTaskAsync(WorkflowTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return RunWorkflowCommandAsync(control => control.AddTask(task), cancellationToken);
    }

    /// <summary>Replaces the task at <paramref name="taskIndex"/> of the open workflow.</summary>
    /// <exception cref="InvalidOperationException">No workflow is open.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The workflow has no such task.</exception>
    public async ValueTask UpdateWorkflowTaskAsync(int taskIndex, WorkflowTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        await RunWorkflowCommandAsync(control => (control.UpdateTask(taskIndex, task), 0), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the open workflow (nothing when none is open): with <paramref name="summary"/> if given, else the one it
    /// has, else how long it took.
    /// </summary>
    /// <param name="summary">What the collapsed workflow says.</param>
    /// <param name="expanded">Whether it stays expanded.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async ValueTask EndWorkflowAsync(WorkflowSummary? summary = null, bool expanded = false, CancellationToken cancellationToken = default) =>
        await RunWorkflowCommandAsync(control => (control.End(summary, expanded), 0), cancellationToken).ConfigureAwait(false);

    private ValueTask<int> RunWorkflowCommandAsync(Func<IWorkflowControl, (List<ThreadStreamEvent> Events, int Result)> apply, CancellationToken cancellationToken) =>
        Host.IsFinished(Call.CallId)
            ? throw new InvalidOperationException("The tool already returned; its ChatKit context can no longer change the workflow.")
            : Host.RunWorkflowCommandAsync(apply, cancellationToken);

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
