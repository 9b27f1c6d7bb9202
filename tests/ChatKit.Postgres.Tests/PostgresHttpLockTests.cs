using System.Diagnostics;
using System.Net;
using ChatKit.Stores;
using ChatKit.Testing.Hosting;
using ChatKit.Testing.Servers;
using ChatKit.Testing.StoreConformance;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Postgres.Tests;

/// <summary>Thread locks as a client sees them: two hosts on one database, serving the same user over HTTP.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHttpLockTests(PostgresServer server)
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMilliseconds(500);

    private string Database => server.DatabaseFor(nameof(PostgresHttpLockTests));

    [Fact]
    public async Task A_turn_that_cannot_get_the_thread_lock_in_time_answers_409_and_persists_nothing()
    {
        var user = StoreTestContext.NewUser();
        await using var storeA = new PostgresStore<StoreTestContext>(Database);
        await using var storeB = new PostgresStore<StoreTestContext>(Database, new PostgresStoreOptions { ThreadLockTimeout = LockTimeout });
        var serverA = new AnsweringServer(storeA);
        var serverB = new AnsweringServer(storeB);
        await using var hostA = await ChatKitTestHost.StartAsync(serverA, user);
        await using var hostB = await ChatKitTestHost.StartAsync(serverB, user);
        using var clientA = hostA.CreateClient();
        using var clientB = hostB.CreateClient();

        var created = await clientA.StreamAsync(CreateThread("hello"));
        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();

        // Host A starts a turn and keeps it open: it holds the thread's lock in the database.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        serverA.Hold = release.Task;
        var slowTurn = clientA.StreamAsync(AddUserMessage(threadId, "slow"));
        await serverA.TurnHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Host B waits for the configured timeout, then refuses the turn with 409 before saving anything.
        var stopwatch = Stopwatch.StartNew();
        var (status, body) = await clientB.PostJsonAsync(AddUserMessage(threadId, "rejected"));
        stopwatch.Stop();
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.NotNull(body?["error"]);
        Assert.True(stopwatch.Elapsed >= LockTimeout - TimeSpan.FromMilliseconds(50), $"refused after {stopwatch.Elapsed}, before the {LockTimeout} timeout");
        Assert.Empty(serverB.Inputs);

        // The open turn finishes normally; the refused message is nowhere.
        release.SetResult();
        var slowEvents = await slowTurn.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(AnsweringServer.AnswerTo("slow"), LastDone(slowEvents, "assistant_message")["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(["hello", AnsweringServer.AnswerTo("hello"), "slow", AnsweringServer.AnswerTo("slow")], await TextsAsync(storeB, threadId, user));

        // Host B keeps serving the thread once it is free.
        var next = await clientB.StreamAsync(AddUserMessage(threadId, "again"));
        Assert.Equal(AnsweringServer.AnswerTo("again"), LastDone(next, "assistant_message")["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(
            ["hello", AnsweringServer.AnswerTo("hello"), "slow", AnsweringServer.AnswerTo("slow"), "again", AnsweringServer.AnswerTo("again")],
            await TextsAsync(storeA, threadId, user));
    }

    private static async Task<List<string>> TextsAsync(IStore<StoreTestContext> store, string threadId, StoreTestContext user)
    {
        var page = await store.LoadThreadItemsAsync(threadId, null, 100, SortOrder.Asc, user);
        return page.Data.Select(i => i switch
        {
            UserMessageItem u => u.Text,
            AssistantMessageItem a => string.Concat(a.Content.Select(c => c.Text)),
            _ => i.GetType().Name,
        }).ToList();
    }
}
