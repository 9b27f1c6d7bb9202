using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>
/// threads.delete and threads.update while a turn that is not a run (a client without ChatKit-Resumable) streams:
/// both wait for the turn to end, so the turn's own save of the thread cannot bring a deleted thread back or overwrite
/// a new title. (A run is stopped by the delete: RunTests.)
/// </summary>
public sealed class ThreadWritesTests
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(20);

    private static string Request(string type, JsonObject parameters) =>
        new JsonObject { ["type"] = type, ["params"] = parameters }.ToJsonString();

    // A turn that starts, waits for the gate, then gives the thread a title of its own (so the server saves the
    // thread at its end) and answers.
    private static async IAsyncEnumerable<ThreadStreamEvent> TitlingReply(
        TestServer server, ThreadMetadata thread, TestContext context, TaskCompletionSource started, Task gate, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var message = new AssistantMessageItem { Id = server.NewId(StoreItemKind.Message, thread, context), ThreadId = thread.Id, CreatedAt = server.Time };
        yield return new ThreadItemAddedEvent { Item = message };
        started.TrySetResult();
        await gate.WaitAsync(ct);
        thread.Title = "title from the turn";
        message.Content = [new AssistantMessageContent { Text = "done" }];
        yield return new ThreadItemDoneEvent { Item = message };
    }

    private static async Task<(Task Turn, TaskCompletionSource Gate)> StartTitlingTurnAsync(ServerFixture f, string threadId)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f.Server.Respond = (s, t, _, c, ct) => TitlingReply(s, t, c, started, gate.Task, ct);
        var result = await f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "more"));
        var turn = Run.SseBodyAsync(result);
        await started.Task.WaitAsync(SafetyNet);
        return (turn, gate);
    }

    [Fact]
    public async Task A_delete_during_a_turn_waits_for_its_end_and_the_thread_stays_deleted()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var (turn, gate) = await StartTitlingTurnAsync(f, threadId);

        var delete = f.JsonAsync(Request("threads.delete", new JsonObject { ["thread_id"] = threadId }));
        await Task.Delay(200);
        Assert.False(delete.IsCompleted, "the delete did not wait for the running turn");

        gate.SetResult();
        await turn.WaitAsync(SafetyNet);
        Assert.Equal("{}", (await delete.WaitAsync(SafetyNet))!.ToJsonString());

        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => f.Store.LoadThreadAsync(threadId, f.Context).AsTask());
        Assert.DoesNotContain(threadId, (await f.Store.LoadThreadsAsync(10, null, SortOrder.Desc, f.Context)).Data.Select(t => t.Id));
    }

    [Fact]
    public async Task A_rename_during_a_turn_that_titles_the_thread_waits_for_its_end_and_is_kept()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var (turn, gate) = await StartTitlingTurnAsync(f, threadId);

        var rename = f.JsonAsync(Request("threads.update", new JsonObject { ["thread_id"] = threadId, ["title"] = "the user's title" }));
        await Task.Delay(200);
        Assert.False(rename.IsCompleted, "the rename did not wait for the running turn");

        gate.SetResult();
        await turn.WaitAsync(SafetyNet);
        Assert.Equal("the user's title", (string?)(await rename.WaitAsync(SafetyNet))!["title"]);
        Assert.Equal("the user's title", (await f.Store.LoadThreadAsync(threadId, f.Context)).Title);
    }

    [Fact]
    public async Task A_delete_or_rename_that_waits_longer_than_the_lock_timeout_is_a_409_and_changes_nothing()
    {
        var f = new ServerFixture(options: new ChatKitServerOptions { ThreadLockTimeout = TimeSpan.FromMilliseconds(300) });
        var threadId = await f.CreateThreadAsync();
        var (turn, gate) = await StartTitlingTurnAsync(f, threadId);

        foreach (var body in new[]
        {
            Request("threads.delete", new JsonObject { ["thread_id"] = threadId }),
            Request("threads.update", new JsonObject { ["thread_id"] = threadId, ["title"] = "too late" }),
        })
        {
            var conflict = await Assert.ThrowsAsync<ChatKitConflictException>(() => f.ProcessAsync(body).WaitAsync(SafetyNet));
            Assert.Equal(409, conflict.StatusCode);
        }

        // The turn ends as it would have; the thread is there with the turn's title, and takes writes again.
        gate.SetResult();
        await turn.WaitAsync(SafetyNet);
        Assert.Equal("title from the turn", (await f.Store.LoadThreadAsync(threadId, f.Context)).Title);
        Assert.Equal("{}", (await f.JsonAsync(Request("threads.delete", new JsonObject { ["thread_id"] = threadId })))!.ToJsonString());
    }

    [Fact]
    public async Task A_rename_or_delete_of_another_users_thread_is_a_404_without_waiting_for_its_turn()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var (turn, gate) = await StartTitlingTurnAsync(f, threadId);

        f.Context = TestContext.Bob;
        foreach (var body in new[]
        {
            Request("threads.update", new JsonObject { ["thread_id"] = threadId, ["title"] = "mine now" }),
            Request("threads.delete", new JsonObject { ["thread_id"] = threadId }),
        })
        {
            var error = await Assert.ThrowsAsync<ChatKitNotFoundException>(() => f.ProcessAsync(body).WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.Equal(404, error.StatusCode);
        }

        gate.SetResult();
        await turn.WaitAsync(SafetyNet);
        f.Context = TestContext.Alice;
        Assert.Equal("title from the turn", (await f.Store.LoadThreadAsync(threadId, f.Context)).Title);
    }
}
