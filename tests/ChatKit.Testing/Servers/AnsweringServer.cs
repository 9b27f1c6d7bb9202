using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;

namespace ChatKit.Testing.Servers;

/// <summary>
/// A ChatKit server for store and hosting tests: every turn is answered with one assistant message,
/// <c>answer to {the user's text}</c>. With <see cref="Hold"/> set, a turn announces its answer and then waits for
/// the hold before finishing it, so a test can keep a turn (and its thread lock) open.
/// </summary>
public sealed class AnsweringServer(IStore<StoreTestContext> store, ChatKitServerOptions? options = null)
    : ChatKitServer<StoreTestContext>(store, options: options)
{
    private readonly ConcurrentQueue<UserMessageItem?> _inputs = new();

    /// <summary>The user message each turn answered, in the order the turns started.</summary>
    public IReadOnlyList<UserMessageItem?> Inputs => [.. _inputs];

    /// <summary>When set, each turn waits for this task (or its cancellation) between announcing and finishing its answer.</summary>
    public Task? Hold { get; set; }

    /// <summary>Completed when a turn reaches <see cref="Hold"/>.</summary>
    public TaskCompletionSource TurnHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The answer text for a user message text.</summary>
    public static string AnswerTo(string text) => "answer to " + text;

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, StoreTestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _inputs.Enqueue(input);
        var answer = new AssistantMessageItem
        {
            Id = CreateItemId(StoreItemKind.Message, thread, context),
            ThreadId = thread.Id,
            CreatedAt = Now,
            Content = [new AssistantMessageContent { Text = AnswerTo(input?.Text ?? "") }],
        };
        if (Hold is { } hold)
        {
            yield return new ThreadItemAddedEvent { Item = answer };
            TurnHeld.TrySetResult();
            await hold.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        yield return new ThreadItemDoneEvent { Item = answer };
    }
}
