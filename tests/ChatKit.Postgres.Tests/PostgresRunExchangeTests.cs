using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;
using Npgsql;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Postgres.Tests;

/// <summary>
/// Runs across hosts (docs/protocol.md §16.7, docs/scale-out.md Runs): two servers ("hosts", each with its own store
/// and so its own host id) over one database. A run started on A is reported, followed and stopped through B.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRunExchangeTests(PostgresServer server)
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(20);

    private string Database => server.DatabaseFor(nameof(PostgresRunExchangeTests));

    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);

    private static string ResumeBody(string threadId, string? after) =>
        Request("threads.resume_run", new JsonObject { ["thread_id"] = threadId, ["after"] = after });

    private static string StopBody(string threadId) => Request("threads.stop_run", new JsonObject { ["thread_id"] = threadId });

    private static Task<ChatKitResult> Resumable(ChatKitServer<StoreTestContext> host, string body, StoreTestContext user) =>
        host.ProcessAsync(Body(body), user, ChatKitRequestOptions.Resumable);

    private static async Task<FrameReader> FollowAsync(ChatKitServer<StoreTestContext> host, string threadId, StoreTestContext user, string? after = null) =>
        new(await Resumable(host, ResumeBody(threadId, after), user));

    private static async Task<JsonNode> JsonAsync(ChatKitServer<StoreTestContext> host, string body, StoreTestContext user) =>
        JsonNode.Parse(Assert.IsType<JsonResult>(await Resumable(host, body, user)).Json.Span)!;

    private static async Task<string?> ActiveRunAsync(ChatKitServer<StoreTestContext> host, string threadId, StoreTestContext user) =>
        (string?)(await JsonAsync(host, GetThread(threadId), user))["active_run"]?["id"];

    // The first batch reaches the database a batch window after the run's first event.
    private static async Task<string> EventuallyActiveRunAsync(ChatKitServer<StoreTestContext> host, string threadId, StoreTestContext user)
    {
        var deadline = DateTime.UtcNow + SafetyNet;
        while (DateTime.UtcNow < deadline)
        {
            if (await ActiveRunAsync(host, threadId, user) is { } id)
            {
                return id;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The run never became visible on the other host.");
    }

    /// <summary>Starts a resumable turn on <paramref name="host"/>; returns its stream (past thread.created) and the thread id.</summary>
    private static async Task<(FrameReader Stream, string ThreadId)> StartRunAsync(DeltaServer host, StoreTestContext user)
    {
        var stream = new FrameReader(await Resumable(host, CreateThread("hello"), user));
        var created = await stream.NextAsync() ?? throw new InvalidOperationException("No thread.created.");
        Assert.Equal("thread.created", (string?)created.Event["type"]);
        await host.Started.Task.WaitAsync(SafetyNet);
        return (stream, (string)created.Event["thread"]!["id"]!);
    }

    private static async Task<List<ThreadItem>> ItemsAsync(IStore<StoreTestContext> store, string threadId, StoreTestContext user) =>
        [.. (await store.LoadThreadItemsAsync(threadId, null, 100, SortOrder.Asc, user)).Data];

    private static string TextOf(ThreadItem item) => string.Concat(Assert.IsType<AssistantMessageItem>(item).Content.Select(c => c.Text));

    [Fact]
    public async Task A_run_on_one_host_is_reported_and_followed_live_by_another_with_the_same_frames()
    {
        var user = StoreTestContext.NewUser();
        await using var storeA = new PostgresStore<StoreTestContext>(Database);
        await using var storeB = new PostgresStore<StoreTestContext>(Database);
        var a = new DeltaServer(storeA);
        var b = new DeltaServer(storeB);

        var (original, threadId) = await StartRunAsync(a, user);
        a.Send("one ", "two ");
        var runId = await EventuallyActiveRunAsync(b, threadId, user);
        Assert.Equal(runId, await ActiveRunAsync(a, threadId, user));

        // Two followers on B and one on A, from the start; a third on B from a cursor.
        await using var b1 = await FollowAsync(b, threadId, user);
        await using var b2 = await FollowAsync(b, threadId, user);
        await using var a1 = await FollowAsync(a, threadId, user);
        var head = await b1.TakeAsync(4);
        Assert.All(head, f => Assert.StartsWith(runId + ".", f.Id, StringComparison.Ordinal));
        var cursor = head[^1].Id!;
        await using var fromCursor = await FollowAsync(b, threadId, user, cursor);

        a.Send("three ");
        await Task.Delay(100);
        a.Send("four");
        a.Finish();

        var local = await a1.RestAsync();
        var remote1 = head.Concat(await b1.RestAsync()).ToList();
        var remote2 = await b2.RestAsync();
        var rest = await fromCursor.RestAsync();

        // Same bytes, same cursors, no gap, no duplicate.
        Assert.Equal(local.Select(f => f.Raw), remote1.Select(f => f.Raw));
        Assert.Equal(local.Select(f => f.Raw), remote2.Select(f => f.Raw));
        Assert.Equal(local.SkipWhile(f => f.Id != cursor).Skip(1).Select(f => f.Raw), rest.Select(f => f.Raw));
        Assert.Equal(Enumerable.Range(1, local.Count).Select(i => $"{runId}.{i}"), local.Select(f => f.Id));
        Assert.Equal("one two three four", (string?)local.Single(f => (string?)f.Event["type"] == "thread.item.done" && (string?)f.Event["item"]!["type"] == "assistant_message").Event["item"]!["content"]![0]!["text"]);

        // The connection that started the run saw the same events after thread.created.
        Assert.Equal(local.Skip(1).Select(f => f.Raw), (await original.RestAsync()).Select(f => f.Raw));

        // Ended: no host reports it any more, and the thread holds the whole reply.
        Assert.Null(await ActiveRunAsync(b, threadId, user));
        Assert.Equal("one two three four", TextOf((await ItemsAsync(storeB, threadId, user))[^1]));
    }

    [Fact]
    public async Task A_stop_on_another_host_stops_the_run_and_answers_after_its_clean_up()
    {
        var user = StoreTestContext.NewUser();
        await using var storeA = new PostgresStore<StoreTestContext>(Database);
        await using var storeB = new PostgresStore<StoreTestContext>(Database);
        var a = new DeltaServer(storeA);
        var b = new DeltaServer(storeB);

        var (original, threadId) = await StartRunAsync(a, user);
        a.Send("partial ", "reply");
        await EventuallyActiveRunAsync(b, threadId, user);
        await using var follower = await FollowAsync(b, threadId, user);
        await follower.TakeAsync(4);

        Assert.Equal("{}", (await JsonAsync(b, StopBody(threadId), user)).ToJsonString());

        // Answered after the clean-up: the partial reply and the cancellation note are stored, nothing runs.
        var items = await ItemsAsync(storeB, threadId, user);
        Assert.Equal("partial reply", TextOf(items.OfType<AssistantMessageItem>().Single()));
        Assert.Equal(ChatKitServer<StoreTestContext>.CancelledStreamNotice, Assert.IsType<SdkHiddenContextItem>(items[^1]).Content);
        Assert.Null(await ActiveRunAsync(a, threadId, user));
        Assert.Null(await ActiveRunAsync(b, threadId, user));

        // Every follower's stream ends, on both hosts.
        await follower.RestAsync();
        await original.RestAsync();
        await Assert.ThrowsAsync<ChatKitConflictException>(() => Resumable(b, StopBody(threadId), user));

        // The thread takes a new turn on either host.
        b.Reset();
        await using var next = new FrameReader(await Resumable(b, AddUserMessage(threadId, "again"), user));
        await b.Started.Task.WaitAsync(SafetyNet);
        b.Send("fine");
        b.Finish();
        await next.RestAsync();
        Assert.Equal("fine", TextOf((await ItemsAsync(storeA, threadId, user))[^1]));
    }

    [Fact]
    public async Task Bad_requests_about_runs_of_another_host_are_refused_and_the_host_keeps_serving()
    {
        var user = StoreTestContext.NewUser();
        var stranger = StoreTestContext.NewUser("stranger");
        await using var storeA = new PostgresStore<StoreTestContext>(Database);
        await using var storeB = new PostgresStore<StoreTestContext>(Database);
        var a = new DeltaServer(storeA);
        var b = new DeltaServer(storeB);

        var (original, threadId) = await StartRunAsync(a, user);
        a.Send("x");
        var runId = await EventuallyActiveRunAsync(b, threadId, user);

        // Unknown thread, another user's thread: 404, on every run path.
        Assert.Equal(404, (await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Resumable(b, ResumeBody("thr_missing", null), user))).StatusCode);
        Assert.Equal(404, (await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Resumable(b, StopBody("thr_missing"), user))).StatusCode);
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Resumable(b, ResumeBody(threadId, null), stranger));
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Resumable(b, StopBody(threadId), stranger));
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Resumable(b, GetThread(threadId), stranger));

        // A malformed cursor, and one ahead of the run: 400.
        foreach (var garbage in new[] { "nonsense", "run_x", runId + ".-1", runId + ".abc" })
        {
            Assert.Equal(400, (await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Resumable(b, ResumeBody(threadId, garbage), user))).StatusCode);
        }

        Assert.Equal(400, (await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Resumable(b, ResumeBody(threadId, runId + ".999"), user))).StatusCode);

        // A thread without a run: 409 for resume and stop.
        var idle = (string)(await new FrameReader(await b.ProcessAsync(Body(CreateThread("idle")), user)).TakeAsync(1))[0].Event["thread"]!["id"]!;
        b.Finish();
        await Assert.ThrowsAsync<ChatKitConflictException>(() => Resumable(b, ResumeBody(idle, null), user));
        await Assert.ThrowsAsync<ChatKitConflictException>(() => Resumable(b, StopBody(idle), user));

        // Nothing was lost and the run goes on: B still follows it to its end.
        await using var follower = await FollowAsync(b, threadId, user);
        a.Send("y");
        a.Finish();
        var frames = await follower.RestAsync();
        Assert.Equal("thread.item.done", (string?)frames[^1].Event["type"]);
        await original.RestAsync();
        Assert.Equal("xy", TextOf((await ItemsAsync(storeB, threadId, user))[^1]));
    }
}
