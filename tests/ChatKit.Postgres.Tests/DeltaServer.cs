using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;

namespace ChatKit.Postgres.Tests;

/// <summary>
/// A server whose every turn streams one assistant message from deltas the test feeds (<see cref="Send"/>); the
/// message is done when the test calls <see cref="Finish"/>. One reply at a time.
/// </summary>
internal sealed class DeltaServer(IStore<StoreTestContext> store, ChatKitServerOptions? options = null)
    : ChatKitServer<StoreTestContext>(store, options: options)
{
    private Channel<string> _deltas = Channel.CreateUnbounded<string>();

    /// <summary>Completed when a turn has announced its message (its first event is journaled).</summary>
    public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Send(params string[] deltas)
    {
        foreach (var delta in deltas)
        {
            Assert.True(_deltas.Writer.TryWrite(delta));
        }
    }

    public void Finish() => _deltas.Writer.TryComplete();

    /// <summary>Ready for the next turn.</summary>
    public void Reset()
    {
        _deltas = Channel.CreateUnbounded<string>();
        Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, StoreTestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = CreateItemId(StoreItemKind.Message, thread, context);
        var created = Now;
        yield return new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = id, ThreadId = thread.Id, CreatedAt = created } };
        Started.TrySetResult();
        var text = new StringBuilder();
        await foreach (var delta in _deltas.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            text.Append(delta);
            yield return new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = delta } };
        }

        yield return new ThreadItemDoneEvent
        {
            Item = new AssistantMessageItem { Id = id, ThreadId = thread.Id, CreatedAt = created, Content = [new AssistantMessageContent { Text = text.ToString() }] },
        };
    }
}
