using System.Text;
using ChatKit.Stores;
using static ChatKit.AI.TurnEvents;

namespace ChatKit.AI;

/// <summary>
/// The assistant message a turn is streaming, if any: opens it on the first text, streams text deltas and citations
/// into it, and finishes (or withdraws) it.
/// </summary>
internal sealed class AssistantMessageStream<TContext>(TurnScope<TContext> scope)
{
    private OpenMessage? _message;

    public bool IsOpen => _message is not null;

    /// <summary>The length of the open message's text (0 when none is open).</summary>
    public int TextLength => _message?.Text.Length ?? 0;

    /// <summary>Appends text and annotations, opening the message first; <paramref name="beforeOpen"/> runs only then.</summary>
    public void Append(string? text, IReadOnlyList<Annotation> annotations, List<ThreadStreamEvent> events, Action<List<ThreadStreamEvent>> beforeOpen)
    {
        if (_message is null)
        {
            if (string.IsNullOrEmpty(text) && annotations.Count == 0)
            {
                return;
            }

            beforeOpen(events);
            _message = new OpenMessage(scope.CreateItemId(StoreItemKind.Message), scope.Now);
            events.Add(new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = _message.Id, ThreadId = scope.ThreadId, CreatedAt = _message.CreatedAt } });
            events.Add(Updated(_message.Id, new AssistantMessageContentPartAdded { ContentIndex = 0, Content = new AssistantMessageContent() }));
        }

        var message = _message;
        if (!string.IsNullOrEmpty(text))
        {
            message.Text.Append(text);
            events.Add(Updated(message.Id, new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = text }));
        }

        foreach (var annotation in annotations)
        {
            message.Annotations.Add(annotation);
            events.Add(Updated(message.Id, new AssistantMessageContentPartAnnotationAdded
            {
                ContentIndex = 0,
                AnnotationIndex = message.Annotations.Count - 1,
                Annotation = annotation,
            }));
        }
    }

    /// <summary>Finishes the open message, or withdraws it when nothing worth keeping was said.</summary>
    public List<ThreadStreamEvent> Close()
    {
        if (_message is not { } message)
        {
            return [];
        }

        _message = null;
        var text = message.Text.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            // Nothing worth keeping was said: withdraw the announced item instead of persisting an empty message.
            return [new ThreadItemRemovedEvent { ItemId = message.Id }];
        }

        scope.ProducedVisibleItem = true;
        return
        [
            Updated(message.Id, new AssistantMessageContentPartDone { ContentIndex = 0, Content = message.Part() }),
            new ThreadItemDoneEvent
            {
                Item = new AssistantMessageItem { Id = message.Id, ThreadId = scope.ThreadId, CreatedAt = message.CreatedAt, Content = [message.Part()] },
            },
        ];
    }

    /// <summary>Withdraws the open message without finishing it (a failed stream's partial answer).</summary>
    public List<ThreadStreamEvent> Withdraw()
    {
        if (_message is not { } message)
        {
            return [];
        }

        _message = null;
        return [new ThreadItemRemovedEvent { ItemId = message.Id }];
    }

    private sealed class OpenMessage(string id, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public StringBuilder Text { get; } = new();

        public List<Annotation> Annotations { get; } = [];

        public AssistantMessageContent Part() => new() { Text = Text.ToString(), Annotations = [.. Annotations] };
    }
}
