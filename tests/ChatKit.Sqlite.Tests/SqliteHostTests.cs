using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChatKit.AI;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Hosting;
using ChatKit.Testing.Servers;
using ChatKit.Testing.StoreConformance;
using Microsoft.Extensions.AI;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Sqlite.Tests;

/// <summary>A SQLite-backed server behind a real HTTP host: concurrent turns on one thread, and client disconnects.</summary>
public sealed class SqliteHostTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_second_turn_on_a_busy_thread_waits_for_the_first_and_the_turns_do_not_interleave()
    {
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        var server = new AnsweringServer(store);
        await using var host = await ChatKitTestHost.StartAsync(server);
        using var first = host.CreateClient();
        using var second = host.CreateClient();
        var threadId = ThreadIdOf(await first.StreamAsync(CreateThread("hello")));

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Hold = release.Task;
        var firstTurn = first.StreamAsync(AddUserMessage(threadId, "one"));
        await server.TurnHeld.Task.WaitAsync(SafetyNet);

        // The documented behaviour: the second turn waits for the first (up to the lock timeout, 30 s by default)
        // before it saves anything.
        var secondTurn = second.StreamAsync(AddUserMessage(threadId, "two"));
        await Task.Delay(500);
        Assert.False(secondTurn.IsCompleted);
        Assert.Equal(2, server.Inputs.Count);
        Assert.Equal(["hello", AnsweringServer.AnswerTo("hello"), "one"], await TextsAsync(store, threadId, host.User));

        release.SetResult();
        var firstEvents = await firstTurn.WaitAsync(SafetyNet);
        var secondEvents = await secondTurn.WaitAsync(SafetyNet);

        // Both turns ran, one after the other: each answer follows its own question.
        Assert.Equal(AnsweringServer.AnswerTo("one"), AnswerText(firstEvents));
        Assert.Equal(AnsweringServer.AnswerTo("two"), AnswerText(secondEvents));
        Assert.Equal(
            ["hello", AnsweringServer.AnswerTo("hello"), "one", AnsweringServer.AnswerTo("one"), "two", AnsweringServer.AnswerTo("two")],
            await TextsAsync(store, threadId, host.User));
    }

    [Fact]
    public async Task A_second_turn_that_waits_past_the_lock_timeout_gets_409_and_nothing_of_it_is_stored()
    {
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        var lockTimeout = TimeSpan.FromMilliseconds(500);
        var server = new AnsweringServer(store, new ChatKitServerOptions { ThreadLockTimeout = lockTimeout });
        await using var host = await ChatKitTestHost.StartAsync(server);
        using var first = host.CreateClient();
        using var second = host.CreateClient();
        var threadId = ThreadIdOf(await first.StreamAsync(CreateThread("hello")));

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Hold = release.Task;
        var firstTurn = first.StreamAsync(AddUserMessage(threadId, "one"));
        await server.TurnHeld.Task.WaitAsync(SafetyNet);

        var stopwatch = Stopwatch.StartNew();
        var (status, body) = await second.PostJsonAsync(AddUserMessage(threadId, "two"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.NotNull(body?["error"]);
        Assert.True(stopwatch.Elapsed >= lockTimeout - TimeSpan.FromMilliseconds(50), $"refused after {stopwatch.Elapsed}, before the {lockTimeout} timeout");

        release.SetResult();
        Assert.Equal(AnsweringServer.AnswerTo("one"), AnswerText(await firstTurn.WaitAsync(SafetyNet)));
        Assert.Equal(2, server.Inputs.Count);
        Assert.Equal(["hello", AnsweringServer.AnswerTo("hello"), "one", AnsweringServer.AnswerTo("one")], await TextsAsync(store, threadId, host.User));

        // The refused client can simply send again once the thread is free.
        Assert.Equal(AnsweringServer.AnswerTo("two"), AnswerText(await second.StreamAsync(AddUserMessage(threadId, "two"))));
    }

    [Fact]
    public async Task After_a_disconnect_the_partial_answer_and_a_hidden_notice_are_stored_and_the_model_sees_both_next_turn()
    {
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        var model = new RecordingChatClient().ThenHang("Once upon ", "a time").ThenReply("The end.");
        var server = new ChatClientServer<StoreTestContext>(store, model);
        await using var host = await ChatKitTestHost.StartAsync(server);
        using var client = host.CreateClient();

        // Read until the partial answer has reached the client, then go away mid-stream.
        string? threadId = null;
        using (var disconnect = new CancellationTokenSource(SafetyNet))
        {
            await foreach (var e in client.StreamEventsAsync(CreateThread("tell me a story"), disconnect.Token))
            {
                threadId ??= e["thread"]?["id"]?.GetValue<string>();
                if (e.ToJsonString().Contains("a time", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }

        Assert.NotNull(threadId);
        await model.Cancelled.Task.WaitAsync(SafetyNet);
        var stored = await WaitForItemsAsync(store, threadId, host.User, items => items.OfType<SdkHiddenContextItem>().Any());

        // The question, the partial answer as far as it streamed, and the hidden notice for the model.
        Assert.Collection(
            stored,
            i => Assert.Equal("tell me a story", Assert.IsType<UserMessageItem>(i).Text),
            i => Assert.Equal("Once upon a time", Assert.Single(Assert.IsType<AssistantMessageItem>(i).Content).Text),
            i => Assert.Equal(ChatKitServer<StoreTestContext>.CancelledStreamNotice, Assert.IsType<SdkHiddenContextItem>(i).Content));

        // The next turn's history carries the partial answer and, after it, the notice.
        var next = await client.StreamAsync(AddUserMessage(threadId, "go on"));
        Assert.Equal("The end.", AnswerText(next));
        var history = model.Calls[^1];
        Assert.Equal(4, history.Count);
        Assert.Equal((ChatRole.User, "tell me a story"), (history[0].Role, history[0].Text));
        Assert.Equal((ChatRole.Assistant, "Once upon a time"), (history[1].Role, history[1].Text));
        Assert.Equal(ChatRole.User, history[2].Role);
        Assert.Contains(ChatKitServer<StoreTestContext>.CancelledStreamNotice, history[2].Text, StringComparison.Ordinal);
        Assert.Equal((ChatRole.User, "go on"), (history[3].Role, history[3].Text));
    }

    private static string ThreadIdOf(List<JsonObject> events) => events[0]["thread"]!["id"]!.GetValue<string>();

    private static string AnswerText(List<JsonObject> events) =>
        string.Concat(LastDone(events, "assistant_message")["content"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));

    private static async Task<List<ThreadItem>> WaitForItemsAsync(IStore<StoreTestContext> store, string threadId, StoreTestContext user, Func<List<ThreadItem>, bool> done)
    {
        // The clean-up after a disconnect runs on the server after the client has gone; poll until it has written.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var items = (await store.LoadThreadItemsAsync(threadId, null, 100, SortOrder.Asc, user)).Data.ToList();
            if (done(items) || deadline.Elapsed > SafetyNet)
            {
                return items;
            }

            await Task.Delay(50);
        }
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
