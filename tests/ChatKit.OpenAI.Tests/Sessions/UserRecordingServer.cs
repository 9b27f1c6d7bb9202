using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ChatKit.AspNetCore;
using ChatKit.Server;
using ChatKit.Stores;

namespace ChatKit.OpenAI.Tests.Sessions;

/// <summary>A ChatKit server that answers nothing and records which user each turn ran for.</summary>
public sealed class UserRecordingServer(IStore<ChatKitRequestContext> store, UserRecordingServer.Users users)
    : ChatKitServer<ChatKitRequestContext>(store)
{
    protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, ChatKitRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        users.Enqueue(context.UserId);
        await Task.CompletedTask;
        yield break;
    }

    /// <summary>The recorded user ids.</summary>
    public sealed class Users : ConcurrentQueue<string>;
}
