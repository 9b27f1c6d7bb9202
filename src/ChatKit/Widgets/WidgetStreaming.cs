using System.Runtime.CompilerServices;
using ChatKit.Server;
using ChatKit.Stores;

namespace ChatKit.Widgets;

/// <summary>
/// Turns a widget, or a sequence of widget states, into the stream events the client expects (docs/widgets.md §5.1).
/// Call it from <c>RespondAsync</c>/<c>ActionAsync</c> and yield what it yields.
/// </summary>
/// <example>
/// <code>
/// protected override async IAsyncEnumerable&lt;ThreadStreamEvent&gt; RespondAsync(
///     ThreadMetadata thread, UserMessageItem? input, MyContext context, [EnumeratorCancellation] CancellationToken ct)
/// {
///     var card = new Card { Children = [new Title { Value = "Draft" }, new Markdown { Id = "body", Value = "", Streaming = true }] };
///     var states = WidgetStreaming.AccumulateTextAsync(modelTextChunks, card, "body", ct);
///     await foreach (var e in this.StreamWidgetAsync(thread, states, context, cancellationToken: ct))
///     {
///         yield return e;
///     }
/// }
/// </code>
/// </example>
public static class WidgetStreaming
{
    /// <summary>
    /// A finished widget: exactly one <c>thread.item.done</c> with a new <c>widget</c> item (no <c>thread.item.added</c>).
    /// </summary>
    /// <param name="thread">The thread the item belongs to.</param>
    /// <param name="widget">The widget (copied, so later changes to it do not leak into the event).</param>
    /// <param name="createItemId">Returns a new message id, e.g. <c>() =&gt; server.CreateItemId(StoreItemKind.Message, thread, context)</c>.</param>
    /// <param name="copyText">Text for the message's copy button.</param>
    /// <param name="timeProvider">Clock for <c>created_at</c> (default: system).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public static async IAsyncEnumerable<ThreadStreamEvent> StreamWidgetAsync(
        ThreadMetadata thread,
        WidgetRoot widget,
        Func<string> createItemId,
        string? copyText = null,
        TimeProvider? timeProvider = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(widget);
        ArgumentNullException.ThrowIfNull(createItemId);
        cancellationToken.ThrowIfCancellationRequested();
        await Task.CompletedTask.ConfigureAwait(false);
        yield return new ThreadItemDoneEvent
        {
            Item = new WidgetItem
            {
                Id = createItemId(),
                ThreadId = thread.Id,
                CreatedAt = (timeProvider ?? TimeProvider.System).GetUtcNow(),
                Widget = widget.Clone(),
                CopyText = copyText,
            },
        };
    }

    /// <summary>
    /// A widget that changes over time: <c>thread.item.added</c> with the first state, then for each following state
    /// the updates of <see cref="WidgetDiff.Diff"/> against the previous one as <c>thread.item.updated</c>, then
    /// <c>thread.item.done</c> with the last state. The item keeps one id, <c>created_at</c> and <c>copy_text</c>.
    /// </summary>
    /// <param name="thread">The thread the item belongs to.</param>
    /// <param name="states">The successive states. Each is copied when it arrives, so yielding the same mutated instance works.</param>
    /// <param name="createItemId">Returns a new message id; called once, before the first state is awaited.</param>
    /// <param name="copyText">Text for the message's copy button.</param>
    /// <param name="timeProvider">Clock for <c>created_at</c> (default: system).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <exception cref="InvalidOperationException"><paramref name="states"/> yields no state.</exception>
    public static async IAsyncEnumerable<ThreadStreamEvent> StreamWidgetAsync(
        ThreadMetadata thread,
        IAsyncEnumerable<WidgetRoot> states,
        Func<string> createItemId,
        string? copyText = null,
        TimeProvider? timeProvider = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(createItemId);
        var itemId = createItemId();
        await using var enumerator = states.GetAsyncEnumerator(cancellationToken);
        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException("The widget state sequence yielded no state.");
        }

        var last = Snapshot(enumerator.Current);
        var createdAt = (timeProvider ?? TimeProvider.System).GetUtcNow();
        yield return new ThreadItemAddedEvent { Item = NewItem(itemId, thread, createdAt, last, copyText) };

        while (await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            var next = Snapshot(enumerator.Current);
            foreach (var update in WidgetDiff.Diff(last, next))
            {
                yield return new ThreadItemUpdatedEvent { ItemId = itemId, Update = update };
            }

            last = next;
        }

        yield return new ThreadItemDoneEvent { Item = NewItem(itemId, thread, createdAt, last, copyText) };
    }

    /// <summary>
    /// <see cref="StreamWidgetAsync(ThreadMetadata, WidgetRoot, Func{string}, string?, TimeProvider?, CancellationToken)"/>
    /// with the id from the server's store (<see cref="ChatKitServer{TContext}.CreateItemId"/>).
    /// </summary>
    public static IAsyncEnumerable<ThreadStreamEvent> StreamWidgetAsync<TContext>(
        this ChatKitServer<TContext> server,
        ThreadMetadata thread,
        WidgetRoot widget,
        TContext context,
        string? copyText = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        return StreamWidgetAsync(thread, widget, () => server.CreateItemId(StoreItemKind.Message, thread, context), copyText, timeProvider, cancellationToken);
    }

    /// <summary>
    /// <see cref="StreamWidgetAsync(ThreadMetadata, IAsyncEnumerable{WidgetRoot}, Func{string}, string?, TimeProvider?, CancellationToken)"/>
    /// with the id from the server's store (<see cref="ChatKitServer{TContext}.CreateItemId"/>).
    /// </summary>
    public static IAsyncEnumerable<ThreadStreamEvent> StreamWidgetAsync<TContext>(
        this ChatKitServer<TContext> server,
        ThreadMetadata thread,
        IAsyncEnumerable<WidgetRoot> states,
        TContext context,
        string? copyText = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        return StreamWidgetAsync(thread, states, () => server.CreateItemId(StoreItemKind.Message, thread, context), copyText, timeProvider, cancellationToken);
    }

    /// <summary>
    /// Streams model text into a Text/Markdown node, like the reference's agent helper: yields
    /// <paramref name="baseWidget"/> as given, then a copy whose <c>value</c> is all text so far after each chunk, then a
    /// final copy with <c>streaming: false</c>. Give the node an id and <c>Streaming = true</c> so the client gets deltas.
    /// </summary>
    public static async IAsyncEnumerable<TText> AccumulateTextAsync<TText>(
        IAsyncEnumerable<string> chunks, TText baseWidget, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TText : WidgetComponent, IStreamingText
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(baseWidget);
        yield return baseWidget;
        var text = string.Empty;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrEmpty(chunk))
            {
                continue;
            }

            text += chunk;
            var state = (TText)baseWidget.Clone();
            state.Value = text;
            yield return state;
        }

        var final = (TText)baseWidget.Clone();
        final.Value = text;
        final.Streaming = false;
        yield return final;
    }

    /// <summary>
    /// Streams model text into the Text/Markdown node with id <paramref name="componentId"/> of <paramref name="root"/>:
    /// yields the root as given, then a copy per chunk with the node's <c>value</c> = all text so far, then a final copy
    /// with <c>streaming: false</c>. Feed the result to <c>StreamWidgetAsync</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The root has no Text or Markdown node with that id.</exception>
    public static async IAsyncEnumerable<WidgetRoot> AccumulateTextAsync(
        IAsyncEnumerable<string> chunks, WidgetRoot root, string componentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(root);
        if (root.FindById(componentId) is not IStreamingText)
        {
            throw new ArgumentException($"The widget has no Text or Markdown node with id '{componentId}'.", nameof(componentId));
        }

        yield return root;
        var text = string.Empty;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrEmpty(chunk))
            {
                continue;
            }

            text += chunk;
            yield return WithText(root, componentId, text, streaming: null);
        }

        yield return WithText(root, componentId, text, streaming: false);
    }

    private static WidgetRoot WithText(WidgetRoot root, string componentId, string text, bool? streaming)
    {
        var copy = root.Clone();
        var node = (IStreamingText)copy.FindById(componentId)!;
        node.Value = text;
        if (streaming is { } s)
        {
            node.Streaming = s;
        }

        return copy;
    }

    private static WidgetRoot Snapshot(WidgetRoot state) =>
        (state ?? throw new InvalidOperationException("The widget state sequence yielded null.")).Clone();

    private static WidgetItem NewItem(string id, ThreadMetadata thread, DateTimeOffset createdAt, WidgetRoot widget, string? copyText) =>
        new() { Id = id, ThreadId = thread.Id, CreatedAt = createdAt, Widget = widget, CopyText = copyText };
}
