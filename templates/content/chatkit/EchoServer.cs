using System.Runtime.CompilerServices;
using ChatKit;
using ChatKit.AspNetCore;
using ChatKit.Server;
using ChatKit.Stores;

namespace ChatKitApp;

/// <summary>
/// Answers every message by echoing it back, streamed word by word the way a model's answer arrives. Replace
/// <see cref="RespondAsync"/> with your own logic, or derive from ChatKit.AI's ChatClientServer to answer with a model.
/// </summary>
public sealed class EchoServer(IStore<ChatKitRequestContext> store) : ChatKitServer<ChatKitRequestContext>(store)
{
    private static readonly TimeSpan WordDelay = TimeSpan.FromMilliseconds(40);

    protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, ChatKitRequestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reply = string.IsNullOrWhiteSpace(input?.Text) ? "Say something and I will echo it." : $"You said: {input.Text}";

        // A streamed message: announce the item and its text part, send the text in pieces, then close both.
        var message = new AssistantMessageItem { Id = CreateItemId(StoreItemKind.Message, thread, context), ThreadId = thread.Id, CreatedAt = Now };
        yield return new ThreadItemAddedEvent { Item = message };
        yield return new ThreadItemUpdatedEvent { ItemId = message.Id, Update = new AssistantMessageContentPartAdded { ContentIndex = 0, Content = new AssistantMessageContent() } };

        var part = new AssistantMessageContent();
        foreach (var word in reply.Split(' '))
        {
            await Task.Delay(WordDelay, cancellationToken);
            var delta = part.Text.Length == 0 ? word : " " + word;
            part.Text += delta;
            yield return new ThreadItemUpdatedEvent { ItemId = message.Id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = delta } };
        }

        yield return new ThreadItemUpdatedEvent { ItemId = message.Id, Update = new AssistantMessageContentPartDone { ContentIndex = 0, Content = part } };
        message.Content.Add(part);
        yield return new ThreadItemDoneEvent { Item = message };
    }
}
