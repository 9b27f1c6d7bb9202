using System.Runtime.CompilerServices;
using ChatKit.Server;
using ChatKit.Stores;

namespace ChatKit.LoadTest;

/// <summary>The request context of the load host: one fixed user.</summary>
public sealed record LoadContext(string UserId) : IUserContext;

/// <summary>Settings of the load host's server that a scenario may change (registered in DI when it does).</summary>
/// <param name="RunGracePeriod">How long a finished run's journal is kept for late re-attaches.</param>
public sealed record InstantServerSettings(TimeSpan RunGracePeriod);

/// <summary>
/// A scripted "instant model": the user's text picks the reply. <c>deltas:N</c> streams one assistant message as N
/// text deltas with no delay (added, content part added, N deltas, part done, done); <c>deltas:N/K</c> does the same
/// but pauses about a millisecond after every K deltas, so the run is still going when a client drops mid-reply;
/// <c>idle</c> announces the message and then waits until the client goes away.
/// </summary>
/// <remarks>
/// Every load client is the same user, so the per-user turn cap is lifted: the load test measures throughput, and
/// each of its streams stands for a different user.
/// </remarks>
public sealed class InstantServer(IStore<LoadContext> store, InstantServerSettings? settings = null)
    : ChatKitServer<LoadContext>(store, options: new ChatKitServerOptions
    {
        MaxConcurrentTurnsPerUser = int.MaxValue,
        RunGracePeriod = settings?.RunGracePeriod ?? new ChatKitServerOptions().RunGracePeriod,
    })
{
    /// <summary>The text of every delta (6 ASCII characters).</summary>
    public const string Delta = "token ";

    // An instant model costs nothing: the full reply text is built once per length, not on every turn.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Replies = new();

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, LoadContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prompt = input?.Content.Count > 0 && input.Content[0] is UserMessageTextContent text ? text.Text : string.Empty;
        var id = CreateItemId(StoreItemKind.Message, thread, context);
        var createdAt = Now;
        yield return new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = id, ThreadId = thread.Id, CreatedAt = createdAt } };
        if (prompt == "idle")
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        var count = 10;
        var pauseEvery = 0;
        if (prompt.StartsWith("deltas:", StringComparison.Ordinal))
        {
            var spec = prompt.AsSpan(7);
            var slash = spec.IndexOf('/');
            count = int.Parse(slash < 0 ? spec : spec[..slash], provider: null);
            pauseEvery = slash < 0 ? 0 : int.Parse(spec[(slash + 1)..], provider: null);
        }

        yield return new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartAdded { ContentIndex = 0, Content = new AssistantMessageContent() } };
        for (var i = 0; i < count; i++)
        {
            yield return new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = Delta } };
            if (pauseEvery > 0 && (i + 1) % pauseEvery == 0)
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }
        }

        var part = new AssistantMessageContent { Text = Replies.GetOrAdd(count, static n => string.Concat(Enumerable.Repeat(Delta, n))) };
        yield return new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartDone { ContentIndex = 0, Content = part } };
        yield return new ThreadItemDoneEvent { Item = new AssistantMessageItem { Id = id, ThreadId = thread.Id, CreatedAt = createdAt, Content = [part] } };
    }
}
