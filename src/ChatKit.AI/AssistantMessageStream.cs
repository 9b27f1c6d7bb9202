using System.Text;
using ChatKit.Stores;
using Microsoft.Extensions.AI;
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

    /// <summary>Appends text and citations, opening the message first; <paramref name="beforeOpen"/> runs only then.</summary>
    public void Append(TextContent text, List<ThreadStreamEvent> events, Action<List<ThreadStreamEvent>> beforeOpen)
    {
        var citations = text.Annotations?.OfType<CitationAnnotation>().ToList() ?? [];
        if (_message is null)
        {
            if (string.IsNullOrEmpty(text.Text) && citations.Count == 0)
            {
                return;
            }

            beforeOpen(events);
            _message = new OpenMessage(scope.CreateItemId(StoreItemKind.Message), scope.Now);
            events.Add(new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = _message.Id, ThreadId = scope.ThreadId, CreatedAt = _message.CreatedAt } });
            events.Add(Updated(_message.Id, new AssistantMessageContentPartAdded { ContentIndex = 0, Content = new AssistantMessageContent() }));
        }

        var message = _message;
        if (!string.IsNullOrEmpty(text.Text))
        {
            message.Text.Append(text.Text);
            events.Add(Updated(message.Id, new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = text.Text }));
        }

        foreach (var citation in citations)
        {
            if (ToAnnotation(citation, message.Text.Length) is not { } annotation)
            {
                continue;
            }

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

    private static Annotation? ToAnnotation(CitationAnnotation citation, int textLength)
    {
        var index = citation.AnnotatedRegions?.OfType<TextSpanAnnotatedRegion>().Select(r => r.EndIndex).FirstOrDefault(i => i is not null) ?? textLength;
        Source? source = null;
        if (citation.Url is { } url)
        {
            source = new UrlSource { Url = url.ToString(), Title = string.IsNullOrEmpty(citation.Title) ? url.ToString() : citation.Title };
        }
        else if ((string.IsNullOrEmpty(citation.Title) ? citation.FileId : citation.Title) is { Length: > 0 } filename)
        {
            source = new FileSource { Filename = filename, Title = filename };
        }

        return source is null ? null : new Annotation { Source = source, Index = index };
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
