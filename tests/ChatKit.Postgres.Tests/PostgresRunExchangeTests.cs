using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Runs;
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

    private static async Task<SseFrameReader> FollowAsync(ChatKitServer<StoreTestContext> host, string threadId, StoreTestContext user, string? after = null) =>
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
    private static async Task<(SseFrameReader Stream, string ThreadId)> StartRunAsync(DeltaServer host, StoreTestContext user)
    {
        var stream = new SseFrameReader(await Resumable(host, CreateThread("hello"), user));
        var created = await stream.NextAsync() ?? throw new InvalidOperationException("No thread.created.");
        // thread.created; or, when the journal is too small to keep it, the run's state, which starts with the thread.
        Assert.Contains((string?)created.Event["type"], new[] { "thread.created", "thread.updated", "stream_options" });
        if (created.Event["thread"] is null)
        {
            created = await stream.NextAsync() ?? throw new InvalidOperationException("No thread.");
        }

        await host.Started.Task.WaitAsync(SafetyNet);
        return (stream, (string)created.Event["thread"]!["id"]!);
    }

    // A stored thread of the user, and a run of it with one event published by the host of `store`.
    private static async Task<(ThreadMetadata Thread, string RunId)> PublishedRunAsync(PostgresStore<StoreTestContext> store, StoreTestContext user, string text = "1")
    {
        var thread = new ThreadMetadata { Id = "thr_" + Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UtcNow };
        await store.SaveThreadAsync(thread, user);
        var runId = "run_" + Guid.NewGuid().ToString("N");
        await store.Runs.AppendAsync(runId, thread.Id, user, new RunEventBatch { LastSeq = 1, Events = [Body($$"""{"type":"progress_update","text":"{{text}}"}""")] });
        return (thread, runId);
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

        // The thread takes a new turn on either host. A still holds its stopped run (grace period), yet a follow on
        // A follows the newer run, B's.
        b.Reset();
        await using var next = new SseFrameReader(await Resumable(b, AddUserMessage(threadId, "again"), user));
        await b.Started.Task.WaitAsync(SafetyNet);
        var newRun = await EventuallyActiveRunAsync(a, threadId, user);
        await using var onA = await FollowAsync(a, threadId, user);
        b.Send("fine");
        b.Finish();
        var nextFrames = await next.RestAsync();
        var followedOnA = await onA.RestAsync();
        Assert.All(followedOnA.Where(f => f.Id is not null), f => Assert.StartsWith(newRun + ".", f.Id, StringComparison.Ordinal));
        Assert.Equal(nextFrames[^1].Raw, followedOnA[^1].Raw);
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
        var idle = (string)(await new SseFrameReader(await b.ProcessAsync(Body(CreateThread("idle")), user)).TakeAsync(1))[0].Event["thread"]!["id"]!;
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

    [Fact]
    public async Task An_ended_run_is_followed_during_its_grace_period_then_its_rows_are_deleted()
    {
        var user = StoreTestContext.NewUser();
        await using var storeA = new PostgresStore<StoreTestContext>(Database);
        await using var storeB = new PostgresStore<StoreTestContext>(Database);
        var a = new DeltaServer(storeA, new ChatKitServerOptions { RunGracePeriod = TimeSpan.FromSeconds(2) });
        var b = new DeltaServer(storeB);

        var (original, threadId) = await StartRunAsync(a, user);
        var runId = await EventuallyActiveRunAsync(b, threadId, user);
        a.Send("done");
        a.Finish();
        var all = await original.RestAsync();

        // Within the grace period, a late follower on B gets the whole run and its stream ends at once.
        await using (var late = await FollowAsync(b, threadId, user))
        {
            var frames = await late.RestAsync();
            Assert.Equal(all.Select(f => f.Raw), frames.Skip(1).Select(f => f.Raw));
        }

        // Then the run's rows go, with its events (cascade), and B has no run to resume.
        var deadline = DateTime.UtcNow + SafetyNet;
        while (await CountAsync(storeB, "runs", runId) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The ended run's rows were never deleted.");
            await Task.Delay(100);
        }

        Assert.Equal(0, await CountAsync(storeB, "run_events", runId));
        await Assert.ThrowsAsync<ChatKitConflictException>(() => Resumable(b, ResumeBody(threadId, null), user));
    }

    [Fact]
    public async Task A_publisher_that_falls_behind_the_journal_publishes_the_run_state_and_other_hosts_stay_consistent()
    {
        var user = StoreTestContext.NewUser();
        await using var storeA = new PostgresStore<StoreTestContext>(Database);
        await using var storeB = new PostgresStore<StoreTestContext>(Database);
        await storeA.MigrateAsync();

        // A journal that keeps only the newest event, and a database that stalls the publisher's writes.
        var a = new DeltaServer(storeA, new ChatKitServerOptions { RunJournalMaxBytes = 1 });
        var b = new DeltaServer(storeB);
        var sent = new StringBuilder();
        SseFrameReader original;
        string threadId;
        await using (var stall = await storeA.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await stall.BeginTransactionAsync();
            await using (var lockEvents = new NpgsqlCommand($"LOCK TABLE {storeA.Schema}.run_events IN EXCLUSIVE MODE", stall, transaction))
            {
                await lockEvents.ExecuteNonQueryAsync();
            }

            (original, threadId) = await StartRunAsync(a, user);
            for (var i = 0; i < 30; i++)
            {
                var delta = $"d{i} ";
                sent.Append(delta);
                a.Send(delta);
            }

            // The turn is not slowed: its own stream (which the tiny journal also brings up by state) shows every
            // delta while the publisher is stuck.
            var seen = new StringBuilder();
            while (seen.ToString() != sent.ToString())
            {
                Apply((await original.NextAsync() ?? throw new InvalidOperationException("The stream ended early.")).Event, seen);
            }

            await Task.Delay(200);
            await transaction.CommitAsync();
        }

        a.Send("tail");
        sent.Append("tail");

        // What B shows, applied by item id, is exactly what was sent, before the reply is done.
        await using var follower = await FollowAsync(b, threadId, user);
        var text = new StringBuilder();
        long lastCursor = 0;
        while (text.ToString() != sent.ToString())
        {
            var frame = await follower.NextAsync() ?? throw new InvalidOperationException("The stream ended early.");
            if (frame.Id is { } id)
            {
                var seq = long.Parse(id[(id.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(seq > lastCursor, $"cursor {seq} after {lastCursor}");
                lastCursor = seq;
            }

            Apply(frame.Event, text);
        }

        // The state batch was written (the path under test), and it replaced the batches before it.
        Assert.Equal(1, await ScalarAsync(storeB, $"SELECT count(*) FROM {storeB.Schema}.run_events r JOIN {storeB.Schema}.runs u ON u.id = r.run_id WHERE u.thread_id = $1 AND r.first_seq = 0", threadId));
        Assert.Equal(0, await ScalarAsync(storeB, $"SELECT count(*) FROM {storeB.Schema}.run_events r JOIN {storeB.Schema}.runs u ON u.id = r.run_id WHERE u.thread_id = $1 AND r.last_seq < (SELECT min(last_seq) FROM {storeB.Schema}.run_events e WHERE e.run_id = r.run_id AND e.first_seq = 0)", threadId));

        a.Finish();
        var rest = await follower.RestAsync();
        Assert.Equal(sent.ToString(), (string?)rest[^1].Event["item"]!["content"]![0]!["text"]);
        await original.RestAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_run_whose_host_died_is_closed_by_the_other_hosts_once_its_lease_lapses(bool followed)
    {
        var user = StoreTestContext.NewUser();
        var lease = new PostgresStoreOptions { RunLeaseDuration = TimeSpan.FromSeconds(1) };
        var application = "chatkit_dead_" + Guid.NewGuid().ToString("N")[..8];
        await using var dataSourceA = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Database) { ApplicationName = application }.ConnectionString);
        var storeA = new PostgresStore<StoreTestContext>(dataSourceA, lease);
        await using var storeB = new PostgresStore<StoreTestContext>(Database, lease);
        var a = new DeltaServer(storeA, new ChatKitServerOptions { RunCheckpointDeltas = 2 });
        var b = new DeltaServer(storeB);

        var (_, threadId) = await StartRunAsync(a, user);
        a.Send("Half", " a rep", "ly");
        var runId = await EventuallyActiveRunAsync(b, threadId, user);
        var deadline = DateTime.UtcNow + SafetyNet;
        while ((await ItemsAsync(storeB, threadId, user)) is not [_, AssistantMessageItem { Content: [{ Text: "Half a rep" }] }])
        {
            Assert.True(DateTime.UtcNow < deadline, "No checkpoint.");
            await Task.Delay(50);
        }

        // Two followers: whichever closes the run, both show the notice.
        await using var follower = followed ? await FollowAsync(b, threadId, user) : null;
        await using var second = followed ? await FollowAsync(b, threadId, user) : null;
        if (follower is not null)
        {
            await follower.TakeAsync(3);
            await second!.TakeAsync(3);
        }

        // Host A dies: no more lease renewals, and its sessions (with the thread's lock) are gone.
        await storeA.Runs.DisposeAsync();
        await using (var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", await storeB.DataSource.OpenConnectionAsync()))
        {
            kill.Parameters.Add(new NpgsqlParameter { Value = application });
            await kill.ExecuteNonQueryAsync();
            await kill.Connection!.DisposeAsync();
        }

        if (follower is not null)
        {
            // B's followers end with the notice once the lease lapses, the same one (written once).
            var ends = new List<JsonNode>();
            foreach (var reader in new[] { follower, second! })
            {
                var rest = await reader.RestAsync();
                Assert.Equal("thread.item.done", (string?)rest[^1].Event["type"]);
                Assert.Equal(ChatKitServer<StoreTestContext>.InterruptedRunNotice, (string?)rest[^1].Event["item"]!["task"]!["title"]);
                ends.Add(rest[^1].Event);
            }

            Assert.Equal((string?)ends[0]["item"]!["id"], (string?)ends[1]["item"]!["id"]);
        }
        else
        {
            // Until the lease lapses, B still reports the run (A's last renewal holds).
            while (await ActiveRunAsync(b, threadId, user) is not null)
            {
                Assert.True(DateTime.UtcNow < deadline, "The run never lapsed.");
                await Task.Delay(100);
            }
        }

        // A load on B shows the checkpointed reply and the notice (written by the follower, or by this load), and
        // no run; the run is recorded closed everywhere.
        var loaded = await JsonAsync(b, GetThread(threadId), user);
        Assert.Null(loaded["active_run"]);
        Assert.Equal(["user_message", "assistant_message", "task"], loaded["items"]!["data"]!.AsArray().Select(i => (string)i!["type"]!));
        Assert.Equal("interrupted", await ScalarAsync<string>(storeB, $"SELECT outcome FROM {storeB.Schema}.runs WHERE id = $1", runId));

        // The thread takes a new turn, and the notice is not written twice.
        b.Reset();
        await using var next = new SseFrameReader(await Resumable(b, AddUserMessage(threadId, "again"), user));
        await b.Started.Task.WaitAsync(SafetyNet);
        b.Send("ok");
        b.Finish();
        await next.RestAsync();
        var items = await ItemsAsync(storeB, threadId, user);
        Assert.Single(items, i => i is TaskItem);
        Assert.Equal("ok", TextOf(items[^1]));
    }

    [Fact]
    public async Task A_run_whose_host_died_before_its_first_batch_is_closed_by_the_next_load_on_another_host()
    {
        // The host marked the thread (and checkpointed part of the reply) but died before it published a batch: no
        // runs row, and no advisory lock left. The mark alone tells the next load that the run is dead.
        var user = StoreTestContext.NewUser();
        await using var storeB = new PostgresStore<StoreTestContext>(Database);
        var b = new DeltaServer(storeB);
        var thread = new ThreadMetadata { Id = "thr_" + Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UtcNow };
        thread.Metadata["chatkit_run"] = new JsonObject { ["id"] = "run_" + Guid.NewGuid().ToString("N") };
        await storeB.SaveThreadAsync(thread, user);
        await storeB.AddThreadItemAsync(thread.Id, new UserMessageItem
        {
            Id = "msg_u", ThreadId = thread.Id, CreatedAt = DateTimeOffset.UtcNow, Content = [new UserMessageTextContent { Text = "hello" }],
        }, user);
        await storeB.AddThreadItemAsync(thread.Id, new AssistantMessageItem
        {
            Id = "msg_a", ThreadId = thread.Id, CreatedAt = DateTimeOffset.UtcNow, Content = [new AssistantMessageContent { Text = "Half" }],
        }, user);

        var loaded = await JsonAsync(b, GetThread(thread.Id), user);
        Assert.Null(loaded["active_run"]);
        Assert.Equal(["user_message", "assistant_message", "task"], loaded["items"]!["data"]!.AsArray().Select(i => (string)i!["type"]!));
        Assert.Equal(ChatKitServer<StoreTestContext>.InterruptedRunNotice, (string?)loaded["items"]!["data"]![2]!["task"]!["title"]);
        Assert.False((await storeB.LoadThreadAsync(thread.Id, user)).Metadata.ContainsKey("chatkit_run"));

        // Closed once: a second load adds nothing, and the thread takes a new turn.
        Assert.Equal(3, (await JsonAsync(b, GetThread(thread.Id), user))["items"]!["data"]!.AsArray().Count);
        await using var next = new SseFrameReader(await Resumable(b, AddUserMessage(thread.Id, "again"), user));
        await b.Started.Task.WaitAsync(SafetyNet);
        b.Send("ok");
        b.Finish();
        await next.RestAsync();
        Assert.Equal("ok", TextOf((await ItemsAsync(storeB, thread.Id, user))[^1]));
    }

    [Fact]
    public async Task The_sweep_ends_runs_whose_lease_lapsed_wakes_their_followers_and_deletes_ended_runs()
    {
        var user = StoreTestContext.NewUser();
        var lease = new PostgresStoreOptions { RunLeaseDuration = TimeSpan.FromSeconds(1) };
        var storeA = new PostgresStore<StoreTestContext>(Database, lease);
        await using var storeB = new PostgresStore<StoreTestContext>(Database, lease);
        var (thread, runId) = await PublishedRunAsync(storeA, user, "x");
        Assert.True((await storeB.Runs.FindRunAsync(thread.Id, user))!.IsLive);

        // A's host goes without ending its run; a follower on B waits for news.
        await storeA.DisposeAsync();
        using var watch = storeB.Runs.Watch(runId);
        var woken = watch.Changed;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False((await storeB.Runs.FindRunAsync(thread.Id, user))!.IsLive);

        // B's own background sweep (started by its first look at runs) may have got there first.
        await storeB.Runs.SweepAsync();
        await woken.WaitAsync(SafetyNet);
        // Neither ended by its host nor live: whoever reads it next closes it in its thread.
        var read = await storeB.Runs.ReadAsync(runId, 0);
        Assert.False(read.IsEnded);
        Assert.False(read.IsLive);
        Assert.Equal(1, Assert.Single(read.Batches).LastSeq);
        Assert.Equal("abandoned", await ScalarAsync<string>(storeB, $"SELECT outcome FROM {storeB.Schema}.runs WHERE id = $1", runId));

        // Kept for the grace period, then deleted with its events.
        Assert.Equal(1, await CountAsync(storeB, "runs", runId));
        storeB.Runs.GracePeriod = TimeSpan.Zero;
        await storeB.Runs.SweepAsync();
        Assert.Equal(0, await CountAsync(storeB, "runs", runId));
        Assert.Equal(0, await CountAsync(storeB, "run_events", runId));
        Assert.Null(await storeB.Runs.FindRunAsync(thread.Id, user));
    }

    [Fact]
    public async Task A_long_run_is_read_in_pages_and_its_end_comes_with_the_last_page()
    {
        var user = StoreTestContext.NewUser();
        await using var store = new PostgresStore<StoreTestContext>(Database);
        var thread = new ThreadMetadata { Id = "thr_" + Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UtcNow };
        await store.SaveThreadAsync(thread, user);
        var runId = "run_" + Guid.NewGuid().ToString("N");
        var rows = (PostgresRunExchange<StoreTestContext>.ReadPageRows * 2) + 5;
        for (var seq = 1; seq <= rows; seq++)
        {
            await store.Runs.AppendAsync(runId, thread.Id, user, new RunEventBatch
            {
                LastSeq = seq,
                Events = [Body($$"""{"type":"progress_update","text":"{{seq}}"}""")],
                Outcome = seq == rows ? "completed" : null,
            });
        }

        // A reader never gets more than a page, and sees the run ended only with its last one.
        long position = 0;
        var pages = 0;
        var seen = new List<long>();
        while (true)
        {
            var read = await store.Runs.ReadAsync(runId, position);
            pages++;
            Assert.InRange(read.Batches.Count, 1, PostgresRunExchange<StoreTestContext>.ReadPageRows);
            seen.AddRange(read.Batches.Select(b => b.LastSeq));
            position = read.Batches[^1].LastSeq;
            if (!read.HasMore)
            {
                Assert.True(read.IsEnded);
                break;
            }

            Assert.False(read.IsEnded);
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, rows).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task A_batch_that_replaces_the_earlier_ones_reads_back_as_such_even_with_one_event()
    {
        var user = StoreTestContext.NewUser();
        await using var store = new PostgresStore<StoreTestContext>(Database);
        var thread = new ThreadMetadata { Id = "thr_" + Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UtcNow };
        await store.SaveThreadAsync(thread, user);
        var runId = "run_" + Guid.NewGuid().ToString("N");
        await store.Runs.AppendAsync(runId, thread.Id, user, new RunEventBatch { LastSeq = 2, Events = [Body("""{"type":"progress_update","text":"a"}"""), Body("""{"type":"progress_update","text":"b"}""")] });
        await store.Runs.AppendAsync(runId, thread.Id, user, new RunEventBatch { LastSeq = 9, Events = [Body("""{"type":"progress_update","text":"state"}""")], ReplacesEarlier = true });

        var batch = Assert.Single((await store.Runs.ReadAsync(runId, 0)).Batches);
        Assert.True(batch.ReplacesEarlier);
        Assert.Equal(9, batch.LastSeq);
    }

    [Fact]
    public async Task A_schema_with_the_longest_allowed_name_still_notifies_followers()
    {
        // 63 characters: "{schema}_runs" would exceed PostgreSQL's identifier limit, which pg_notify refuses.
        var schema = "ck_" + new string('x', 52) + Guid.NewGuid().ToString("N")[..8];
        var user = StoreTestContext.NewUser();
        var options = new PostgresStoreOptions { Schema = schema };
        await using var storeA = new PostgresStore<StoreTestContext>(Database, options);
        await using var storeB = new PostgresStore<StoreTestContext>(Database, options);
        var (thread, runId) = await PublishedRunAsync(storeA, user);

        using var watch = storeB.Runs.Watch(runId);
        await storeB.Runs.FindRunAsync(thread.Id, user);
        await Task.Delay(500); // B's listener is up (it starts with the watch)
        var woken = watch.Changed;
        await storeA.Runs.AppendAsync(runId, thread.Id, user, new RunEventBatch { LastSeq = 2, Events = [Body("""{"type":"progress_update","text":"2"}""")] });
        await woken.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, (await storeB.Runs.FindRunAsync(thread.Id, user))!.LastSeq);
        Assert.True(PostgresRunExchange<StoreTestContext>.ChannelFor(schema).Length <= 63);
        Assert.NotEqual(PostgresRunExchange<StoreTestContext>.ChannelFor(schema), PostgresRunExchange<StoreTestContext>.ChannelFor(schema[..^1] + "z"));
    }

    [Fact]
    public async Task A_run_swept_as_abandoned_while_its_host_was_cut_off_is_its_hosts_again_when_it_writes()
    {
        var user = StoreTestContext.NewUser();
        await using var storeA = new PostgresStore<StoreTestContext>(Database);
        await using var storeB = new PostgresStore<StoreTestContext>(Database);
        var (thread, runId) = await PublishedRunAsync(storeA, user);

        // A could not renew for longer than the lease (its database link was down), and B's sweep ended the run.
        await using (var lapse = storeB.DataSource.CreateCommand($"UPDATE {storeB.Schema}.runs SET lease_until = now() - interval '1 second' WHERE id = $1"))
        {
            lapse.Parameters.Add(new NpgsqlParameter { Value = runId });
            await lapse.ExecuteNonQueryAsync();
        }

        await storeB.Runs.SweepAsync();
        Assert.False((await storeB.Runs.FindRunAsync(thread.Id, user))!.IsLive);

        // A is back and still running it: its next batch makes the run live again, and its end is an end.
        await storeA.Runs.AppendAsync(runId, thread.Id, user, new RunEventBatch { LastSeq = 2, Events = [Body("""{"type":"progress_update","text":"2"}""")] });
        var revived = (await storeB.Runs.FindRunAsync(thread.Id, user))!;
        Assert.True(revived.IsLive);
        Assert.False(revived.IsEnded);
        await storeA.Runs.AppendAsync(runId, thread.Id, user, new RunEventBatch { LastSeq = 3, Events = [Body("""{"type":"progress_update","text":"3"}""")], Outcome = "completed" });
        var read = await storeB.Runs.ReadAsync(runId, 0);
        Assert.True(read.IsEnded);
        Assert.Equal([1L, 2L, 3L], read.Batches.Select(b => b.LastSeq));
        Assert.Equal("completed", await ScalarAsync<string>(storeB, $"SELECT outcome FROM {storeB.Schema}.runs WHERE id = $1", runId));

        // A run a closer interrupted stays closed, whatever its host writes after.
        var closed = "run_" + Guid.NewGuid().ToString("N");
        await storeA.Runs.AppendAsync(closed, thread.Id, user, new RunEventBatch { LastSeq = 1, Events = [Body("""{"type":"progress_update","text":"1"}""")] });
        await storeB.Runs.EndAbandonedAsync(closed, [Body("""{"type":"progress_update","text":"notice"}""")]);
        await storeA.Runs.AppendAsync(closed, thread.Id, user, new RunEventBatch { LastSeq = 2, Events = [Body("""{"type":"progress_update","text":"2"}""")], Outcome = "completed" });
        Assert.Equal("interrupted", await ScalarAsync<string>(storeB, $"SELECT outcome FROM {storeB.Schema}.runs WHERE id = $1", closed));
    }

    [Fact]
    public async Task A_run_whose_end_could_not_be_written_keeps_its_lease_until_it_is_forgotten()
    {
        var user = StoreTestContext.NewUser();
        var lease = new PostgresStoreOptions { RunLeaseDuration = TimeSpan.FromSeconds(1) };
        await using var storeA = new PostgresStore<StoreTestContext>(Database, lease);
        await using var storeB = new PostgresStore<StoreTestContext>(Database, lease);
        var (thread, runId) = await PublishedRunAsync(storeA, user);

        // The database refuses the end (text cannot hold a NUL): the publisher would retry it, and meanwhile the run
        // must not lapse, or another host would close a finished reply with an "interrupted" notice.
        await Assert.ThrowsAsync<PostgresException>(async () => await storeA.Runs.AppendAsync(
            runId, thread.Id, user, new RunEventBatch { LastSeq = 2, Events = [Body("""{"type":"progress_update","text":"2"}""")], Outcome = "completed\0" }));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await storeB.Runs.SweepAsync();
        var status = (await storeB.Runs.FindRunAsync(thread.Id, user))!;
        Assert.True(status.IsLive);
        Assert.False(status.IsEnded);

        // Forgetting it (after the grace period, whether or not its end was published) deletes it and ends A's
        // renewals: had the delete failed, the row would lapse. A row put back as A's is no longer renewed.
        await storeA.Runs.ForgetAsync(runId);
        Assert.Null(await storeB.Runs.FindRunAsync(thread.Id, user));
        await using (var putBack = storeB.DataSource.CreateCommand(
            $"INSERT INTO {storeB.Schema}.runs (id, user_id, thread_id, host_id, lease_until) VALUES ($1, $2, $3, $4, now() + interval '1 second')"))
        {
            foreach (var value in new[] { runId, user.UserId, thread.Id, storeA.Runs.HostId })
            {
                putBack.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await putBack.ExecuteNonQueryAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False((await storeB.Runs.FindRunAsync(thread.Id, user))!.IsLive);
    }

    // The text of the one assistant message of a stream, applied event by event as a client does.
    private static void Apply(JsonNode e, StringBuilder text)
    {
        switch ((string?)e["type"])
        {
            case "thread.item.added" or "thread.item.done" when (string?)e["item"]!["type"] == "assistant_message":
                text.Clear().Append(string.Concat(e["item"]!["content"]!.AsArray().Select(c => (string?)c!["text"])));
                break;
            case "thread.item.updated" when (string?)e["update"]!["type"] == "assistant_message.content_part.text_delta":
                text.Append((string?)e["update"]!["delta"]);
                break;
        }
    }

    private static async Task<long> CountAsync(PostgresStore<StoreTestContext> store, string table, string runId) =>
        await ScalarAsync(store, $"SELECT count(*) FROM {store.Schema}.{table} WHERE {(table == "runs" ? "id" : "run_id")} = $1", runId);

    private static Task<long> ScalarAsync(PostgresStore<StoreTestContext> store, string sql, string parameter) => ScalarAsync<long>(store, sql, parameter);

    private static async Task<T> ScalarAsync<T>(PostgresStore<StoreTestContext> store, string sql, string parameter)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
