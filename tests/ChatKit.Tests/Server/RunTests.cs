using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Runs;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>Runs (docs/protocol.md §16): turns of a resumable client outlive their connection, are stopped by request, and can be followed.</summary>
public sealed class RunTests
{
    private const string Notice = ChatKitServer<TestContext>.CancelledStreamNotice;

    /// <summary>A reply whose deltas the test feeds one by one; completing the channel finishes the message.</summary>
    private sealed class Feed
    {
        public Channel<string> Deltas { get; } = Channel.CreateUnbounded<string>();

        public string? MessageId { get; private set; }

        public void Install(ServerFixture f) => f.Server.Respond = (s, t, _, c, ct) => ReplyAsync(s, t, c, ct);

        public void Send(params string[] deltas)
        {
            foreach (var d in deltas)
            {
                Assert.True(Deltas.Writer.TryWrite(d));
            }
        }

        public void Finish() => Deltas.Writer.TryComplete();

        private async IAsyncEnumerable<ThreadStreamEvent> ReplyAsync(TestServer s, ThreadMetadata t, TestContext c, [EnumeratorCancellation] CancellationToken ct)
        {
            var id = MessageId = s.NewId(StoreItemKind.Message, t, c);
            yield return new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = id, ThreadId = t.Id, CreatedAt = s.Time } };
            var text = new StringBuilder();
            await foreach (var delta in Deltas.Reader.ReadAllAsync(ct))
            {
                text.Append(delta);
                yield return new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = delta } };
            }

            yield return new ThreadItemDoneEvent
            {
                Item = new AssistantMessageItem { Id = id, ThreadId = t.Id, CreatedAt = s.Time, Content = [new AssistantMessageContent { Text = text.ToString() }] },
            };
        }
    }

    private static ServerFixture Fixture(Action<ChatKitServerOptions>? configure = null)
    {
        var options = new ChatKitServerOptions();
        configure?.Invoke(options);
        return new ServerFixture(options: options);
    }

    private static Task<ChatKitResult> Resumable(ServerFixture f, string body, CancellationToken ct = default) =>
        f.Server.ProcessAsync(Run.Body(body), f.Context, ChatKitRequestOptions.Resumable, ct);

    private static string ResumeBody(string threadId, string? after) => new JsonObject
    {
        ["type"] = "threads.resume_run",
        ["params"] = new JsonObject { ["thread_id"] = threadId, ["after"] = after },
    }.ToJsonString();

    private static string StopBody(string threadId) =>
        new JsonObject { ["type"] = "threads.stop_run", ["params"] = new JsonObject { ["thread_id"] = threadId } }.ToJsonString();

    private static string GetBody(string threadId) =>
        new JsonObject { ["type"] = "threads.get_by_id", ["params"] = new JsonObject { ["thread_id"] = threadId } }.ToJsonString();

    private static long Seq(string id) => SseFrame.SeqOf(id);

    private static string Text(IEnumerable<SseFrame> frames) => string.Concat(frames
        .Where(f => (string?)f.Event["update"]?["type"] == "assistant_message.content_part.text_delta")
        .Select(f => (string?)f.Event["update"]!["delta"]));

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), what);
    }

    // thread.created, user message done, stream_options, assistant added.
    private const int Prologue = 4;

    private static async Task<(string ThreadId, SseFrameReader Reader, List<SseFrame> Seen)> StartAsync(ServerFixture f, Feed feed, CancellationToken ct = default)
    {
        feed.Install(f);
        var reader = new SseFrameReader(await Resumable(f, ServerFixture.CreateBody("Hi"), ct));
        var seen = await reader.TakeAsync(Prologue);
        return ((string)seen[0].Event["thread"]!["id"]!, reader, seen);
    }

    [Fact]
    public async Task Without_the_capability_a_disconnect_cancels_the_turn()
    {
        var f = Fixture();
        var feed = new Feed();
        feed.Install(f);
        using var disconnect = new CancellationTokenSource();
        string threadId;
        await using (var reader = new SseFrameReader(await f.ProcessAsync(ServerFixture.CreateBody("Hi"), disconnect.Token)))
        {
            var first = await reader.TakeAsync(Prologue);
            threadId = (string)first[0].Event["thread"]!["id"]!;
            Assert.All(first, frame => Assert.Null(frame.Id)); // no cursors without the capability
            feed.Send("Hel", "lo");
            await reader.TakeAsync(2);
            disconnect.Cancel();
        }

        var items = await f.ItemsAsync(threadId);
        Assert.Equal("Hello", Assert.IsType<AssistantMessageItem>(items[1]).Content[0].Text);
        Assert.Equal(Notice, Assert.IsType<SdkHiddenContextItem>(items[2]).Content);
        Assert.Equal(0, f.Server.HeldRunCount);
    }

    [Fact]
    public async Task With_the_capability_a_disconnect_leaves_the_run_going_and_it_is_stored_whole()
    {
        var f = Fixture();
        var feed = new Feed();
        using var disconnect = new CancellationTokenSource();
        var (threadId, reader, seen) = await StartAsync(f, feed, disconnect.Token);
        Assert.All(seen, frame => Assert.NotNull(frame.Id));
        Assert.Equal([1L, 2, 3, 4], seen.Select(s => Seq(s.Id!)));
        feed.Send("Hel");
        await reader.TakeAsync(1);
        disconnect.Cancel();
        await reader.DisposeAsync();

        // While it runs, the thread says so.
        var thread = await f.JsonAsync(GetBody(threadId));
        Assert.StartsWith("run_", (string)thread!["active_run"]!["id"]!, StringComparison.Ordinal);

        feed.Send("lo", " world");
        feed.Finish();
        await WaitUntilAsync(() => f.Memory.LoadThreadItemsAsync(threadId, null, 10, SortOrder.Asc, f.Context).AsTask().Result.Data.Count == 2 &&
            f.Server.RunJournalBytes(threadId) is not null && (f.JsonAsync(GetBody(threadId)).Result!["active_run"] is null), "the run ends");

        var items = await f.ItemsAsync(threadId);
        Assert.Equal(2, items.Count);
        Assert.Equal("Hello world", Assert.IsType<AssistantMessageItem>(items[1]).Content[0].Text);
        Assert.DoesNotContain(items, i => i is SdkHiddenContextItem);
    }

    [Fact]
    public async Task Deleting_a_thread_while_its_run_streams_stops_the_run_and_the_thread_stays_deleted()
    {
        var f = Fixture();
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        feed.Send("Hel", "lo");
        await reader.TakeAsync(2);

        // The delete stops the run and waits for its clean-up (which saves the partial reply) before deleting: the
        // run's last writes cannot bring the thread back.
        var deleteBody = new JsonObject { ["type"] = "threads.delete", ["params"] = new JsonObject { ["thread_id"] = threadId } }.ToJsonString();
        Assert.Equal("{}", (await f.JsonAsync(deleteBody).WaitAsync(TimeSpan.FromSeconds(20)))!.ToJsonString());
        await reader.RestAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await reader.DisposeAsync();

        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => f.Store.LoadThreadAsync(threadId, f.Context).AsTask());
        Assert.DoesNotContain(threadId, (await f.Store.LoadThreadsAsync(10, null, SortOrder.Desc, f.Context)).Data.Select(t => t.Id));
        Assert.Equal(404, (await Assert.ThrowsAsync<ChatKitNotFoundException>(() => f.ProcessAsync(GetBody(threadId)))).StatusCode);
    }

    [Fact]
    public async Task Stop_request_cancels_the_run_as_a_disconnect_does()
    {
        var f = Fixture();
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        feed.Send("Hel", "lo");
        await reader.TakeAsync(2);

        Assert.Equal("{}", (await f.JsonAsync(StopBody(threadId)))!.ToJsonString());

        // The follower sees the stream end; the partial reply and the hidden note are stored before stop answers.
        await reader.RestAsync();
        await reader.DisposeAsync();
        var items = await f.ItemsAsync(threadId);
        Assert.Equal(["user_message", "assistant_message", "sdk_hidden_context"], items.Select(i => (string)Run.ToNode(i)["type"]!));
        Assert.Equal("Hello", Assert.IsType<AssistantMessageItem>(items[1]).Content[0].Text);
        Assert.Equal(Notice, Assert.IsType<SdkHiddenContextItem>(items[2]).Content);
        Assert.Null((await f.JsonAsync(GetBody(threadId)))!["active_run"]);

        // Stopping again: nothing runs.
        var again = await Assert.ThrowsAsync<ChatKitConflictException>(() => f.ProcessAsync(StopBody(threadId)));
        Assert.Equal(409, again.StatusCode);
    }

    [Fact]
    public async Task Re_attaching_after_a_cursor_continues_with_the_next_event_without_gaps_or_duplicates()
    {
        var f = Fixture();
        var feed = new Feed();
        using var disconnect = new CancellationTokenSource();
        var (threadId, reader, seen) = await StartAsync(f, feed, disconnect.Token);
        feed.Send("a", "b", "c");
        seen.AddRange(await reader.TakeAsync(3));
        disconnect.Cancel();
        await reader.DisposeAsync();

        // Events produced while nobody follows are journaled.
        feed.Send("d", "e");
        await WaitUntilAsync(() => f.Server.RunJournalBytes(threadId) is { } && LastSeqOf(f, threadId) >= 9, "the journal takes the new events");

        var last = seen[^1].Id!;
        await using var resumed = new SseFrameReader(await Resumable(f, ResumeBody(threadId, last)));
        var caughtUp = await resumed.TakeAsync(2);
        Assert.Equal([Seq(last) + 1, Seq(last) + 2], caughtUp.Select(c => Seq(c.Id!)));
        Assert.Equal("de", Text(caughtUp));

        feed.Send("f");
        feed.Finish();
        var rest = await resumed.RestAsync();
        var all = seen.Concat(caughtUp).Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(a => Seq(a.Id!)));
        Assert.Equal("abcdef", Text(all));
        Assert.Equal("thread.item.done", (string)all[^1].Event["type"]!);
    }

    private static long LastSeqOf(ServerFixture f, string threadId)
    {
        // Follows from the start with a fresh cursor-less reader would block; count via a resume that is cut at once.
        var body = ResumeBody(threadId, null);
        using var cut = new CancellationTokenSource();
        var result = (StreamingResult)Resumable(f, body).Result;
        var count = 0L;
        var frames = result.GetAsyncEnumerator(cut.Token);
        try
        {
            while (true)
            {
                var next = frames.MoveNextAsync().AsTask();
                if (!next.Wait(TimeSpan.FromMilliseconds(200)) || !next.Result)
                {
                    break;
                }

                count = Seq(SseFrame.Parse(frames.Current.Span).Id!);
            }
        }
        finally
        {
            cut.Cancel();
            try
            {
                frames.DisposeAsync().AsTask().Wait();
            }
            catch (AggregateException)
            {
            }
        }

        return count;
    }

    [Fact]
    public async Task Two_followers_get_the_same_events_to_the_end()
    {
        var f = Fixture();
        var feed = new Feed();
        var (threadId, starter, seen) = await StartAsync(f, feed);
        await using var first = new SseFrameReader(await Resumable(f, ResumeBody(threadId, null)));
        await using var second = new SseFrameReader(await Resumable(f, ResumeBody(threadId, seen[1].Id)));
        feed.Send("one ", "two");
        feed.Finish();

        var a = await first.RestAsync();
        var b = await second.RestAsync();
        var original = seen.Concat(await starter.RestAsync()).ToList();
        await starter.DisposeAsync();
        Assert.Equal(original.Select(o => o.Id + o.Event.ToJsonString()), a.Select(o => o.Id + o.Event.ToJsonString()));
        Assert.Equal(original.Skip(2).Select(o => o.Id + o.Event.ToJsonString()), b.Select(o => o.Id + o.Event.ToJsonString()));
        Assert.Equal("one two", Text(b));
    }

    [Fact]
    public async Task The_journal_is_dropped_after_the_run_ends_and_the_grace_period()
    {
        // Long enough that the late re-attach below lands within it on a loaded CI machine (300 ms did not).
        var f = Fixture(o => o.RunGracePeriod = TimeSpan.FromSeconds(2));
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        feed.Send("x");
        feed.Finish();
        await reader.RestAsync();
        await reader.DisposeAsync();

        // Within the grace period a late re-attach still gets the whole run.
        Assert.NotNull(f.Server.RunJournalBytes(threadId));
        var late = Run.EventsOf(await Run.SseBodyAsync(await Resumable(f, ResumeBody(threadId, null))).ContinueWith(t => StripIds(t.Result)));
        Assert.Equal("thread.item.done", (string)late[^1]["type"]!);

        await WaitUntilAsync(() => f.Server.HeldRunCount == 0, "the journal is dropped");
        Assert.Null(f.Server.RunJournalBytes(threadId));
        await Assert.ThrowsAsync<ChatKitConflictException>(() => Resumable(f, ResumeBody(threadId, null)));
    }

    private static byte[] StripIds(byte[] body) =>
        Encoding.UTF8.GetBytes(string.Join("", Encoding.UTF8.GetString(body).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(frame => (frame.StartsWith("id: ", StringComparison.Ordinal) ? frame[(frame.IndexOf('\n', StringComparison.Ordinal) + 1)..] : frame) + "\n\n")));

    [Fact]
    public async Task The_journal_stays_within_its_byte_budget_and_a_late_follower_gets_a_consistent_state()
    {
        const int budget = 16 * 1024;
        var f = Fixture(o => o.RunJournalMaxBytes = budget);
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        var expected = new StringBuilder();
        var streamed = new List<SseFrame>();
        for (var chunk = 0; chunk < 100; chunk++)
        {
            for (var i = 0; i < 50; i++)
            {
                var delta = $"token {(chunk * 50) + i:D5} ";
                expected.Append(delta);
                feed.Send(delta);
            }

            // The starting connection keeps pace, so it gets every delta; the journal keeps only the newest events.
            streamed.AddRange(await reader.TakeAsync(50));
        }

        Assert.Equal(expected.ToString(), Text(streamed));
        var bytes = f.Server.RunJournalBytes(threadId)!.Value;
        Assert.InRange(bytes, budget / 2, budget);

        // A follower from the start cannot get the dropped deltas: it gets the open message as it stands, then live.
        await using var late = new SseFrameReader(await Resumable(f, ResumeBody(threadId, null)));
        var snapshot = new List<SseFrame>();
        SseFrame frame;
        do
        {
            frame = (await late.NextAsync())!;
            snapshot.Add(frame);
        }
        while (frame.Id is null);

        Assert.Equal(["stream_options", "thread.updated", "thread.item.done", "thread.item.added"], snapshot.Select(s => (string)s.Event["type"]!));
        Assert.Equal(expected.ToString(), (string)snapshot[^1].Event["item"]!["content"]![0]!["text"]!);
        feed.Send("end");
        feed.Finish();
        var rest = await late.RestAsync();
        // The finished message (the whole answer, larger than the budget) pushes out everything before it, so this
        // follower may be brought up to date by a state again; either way it ends on the complete answer.
        Assert.Equal(expected + "end", (string)rest[^1].Event["item"]!["content"]![0]!["text"]!);
        await reader.RestAsync();
        await reader.DisposeAsync();
    }

    [Fact]
    public async Task A_run_checkpoints_its_partial_reply_to_the_store()
    {
        var f = Fixture(o => o.RunCheckpointDeltas = 3);
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        feed.Send("a", "b");
        await reader.TakeAsync(2);
        Assert.Single(await f.ItemsAsync(threadId)); // not yet: two deltas

        feed.Send("c", "d");
        await reader.TakeAsync(2);
        var items = await f.ItemsAsync(threadId);
        Assert.Equal("abc", Assert.IsType<AssistantMessageItem>(items[1]).Content[0].Text);

        feed.Finish();
        await reader.RestAsync();
        await reader.DisposeAsync();
        items = await f.ItemsAsync(threadId);
        Assert.Equal(2, items.Count);
        Assert.Equal("abcd", Assert.IsType<AssistantMessageItem>(items[1]).Content[0].Text);
    }

    [Fact]
    public async Task Bad_run_requests_get_clear_errors_and_the_server_keeps_serving()
    {
        var f = Fixture();
        var feed = new Feed();
        var (threadId, reader, seen) = await StartAsync(f, feed);
        var before = await f.SnapshotAsync();

        Assert.Equal(404, (await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Resumable(f, ResumeBody("thr_missing", null)))).StatusCode);
        Assert.Equal(404, (await Assert.ThrowsAsync<ChatKitNotFoundException>(() => f.ProcessAsync(StopBody("thr_missing")))).StatusCode);

        // Another user's running thread: not found, and the run goes on.
        f.Context = TestContext.Bob;
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Resumable(f, ResumeBody(threadId, null)));
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => f.ProcessAsync(StopBody(threadId)));
        f.Context = TestContext.Alice;

        foreach (var garbage in new[] { "garbage", "run_x.", "run_x.-1", "run_x.1e3", seen[^1].Id! + "0000" })
        {
            var e = await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Resumable(f, ResumeBody(threadId, garbage)));
            Assert.Contains("params.after", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await f.SnapshotAsync());
        feed.Send("ok");
        feed.Finish();
        Assert.Equal("ok", Text(await reader.RestAsync()));
        await reader.DisposeAsync();

        // A thread without a run: stop and resume are conflicts; a plain turn works.
        var idle = await f.CreateThreadAsync();
        f.Server.Respond = (s, t, _, c, _) => s.Hello(t, c);
        Assert.Equal(409, (await Assert.ThrowsAsync<ChatKitConflictException>(() => f.ProcessAsync(StopBody(idle)))).StatusCode);
        await Assert.ThrowsAsync<ChatKitConflictException>(() => Resumable(f, ResumeBody(idle, null)));
        var events = await f.StreamAsync(ServerFixture.AddMessageBody(idle, "again"));
        Assert.Equal("thread.item.done", (string)events[^1]["type"]!);
    }

    [Fact]
    public async Task A_run_whose_process_died_is_closed_by_the_next_load_of_its_thread_on_an_in_process_store()
    {
        var f = Fixture(o => o.RunCheckpointDeltas = 2);
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        feed.Send("Hal", "f a rep", "ly");
        await reader.TakeAsync(3);
        await WaitUntilAsync(() => f.ItemsAsync(threadId).Result.Count == 2, "the checkpoint");

        // The running process still reports its run; another process on the store (its own runs) has none behind
        // the mark: for a one-process store, the run is dead, and the load closes it before reading the items.
        var own = JsonNode.Parse(Assert.IsType<JsonResult>(await f.Server.ProcessAsync(Run.Body(GetBody(threadId)), f.Context)).Json.Span)!;
        Assert.NotNull(own["active_run"]);
        var other = new TestServer(f.Store, options: new ChatKitServerOptions());
        var loaded = JsonNode.Parse(Assert.IsType<JsonResult>(await other.ProcessAsync(Run.Body(GetBody(threadId)), f.Context)).Json.Span)!;
        Assert.Null(loaded["active_run"]);
        Assert.Equal(["user_message", "assistant_message", "task"], loaded["items"]!["data"]!.AsArray().Select(i => (string)i!["type"]!));
        Assert.Equal(ChatKitServer<TestContext>.InterruptedRunNotice, (string)loaded["items"]!["data"]![2]!["task"]!["title"]!);
        Assert.Equal(Notice, Assert.IsType<SdkHiddenContextItem>((await f.ItemsAsync(threadId))[^1]).Content);

        // Closed once: the next load finds no mark.
        await other.ProcessAsync(Run.Body(GetBody(threadId)), f.Context);
        Assert.Single(await f.ItemsAsync(threadId), i => i is TaskItem);

        feed.Finish();
        await reader.RestAsync();
        await reader.DisposeAsync();
    }

    [Fact]
    public async Task A_run_whose_host_died_is_closed_by_the_next_turn_with_a_notice_and_its_checkpointed_reply_kept()
    {
        var f = Fixture(o => o.RunCheckpointDeltas = 2);
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        feed.Send("Hal", "f a rep", "ly");
        await reader.TakeAsync(3);
        await WaitUntilAsync(() => f.ItemsAsync(threadId).Result.Count == 2, "the checkpoint");

        // A second host on the same store (its own locks and runs): the first one is gone as far as it can tell.
        var other = new TestServer(f.Store, options: new ChatKitServerOptions());
        var next = await other.ProcessAsync(Run.Body(ServerFixture.AddMessageBody(threadId, "still there?")), f.Context);
        var events = await Run.EventsAsync(next);
        Assert.Equal("thread.item.done", (string)events[^1]["type"]!);

        var items = await f.ItemsAsync(threadId);
        Assert.Equal(
            ["user_message", "assistant_message", "task", "sdk_hidden_context", "user_message", "assistant_message"],
            items.Select(i => (string)Run.ToNode(i)["type"]!));
        Assert.Equal("Half a rep", Assert.IsType<AssistantMessageItem>(items[1]).Content[0].Text);
        Assert.Equal(ChatKitServer<TestContext>.InterruptedRunNotice, Assert.IsType<TaskItem>(items[2]).Task.Title);
        Assert.Equal(Notice, Assert.IsType<SdkHiddenContextItem>(items[3]).Content);

        // The mark is gone: a later turn finds nothing to close.
        var again = await Run.EventsAsync(await other.ProcessAsync(Run.Body(ServerFixture.AddMessageBody(threadId, "and now?")), f.Context));
        Assert.Equal("thread.item.done", (string)again[^1]["type"]!);
        Assert.Single(await f.ItemsAsync(threadId), i => i is TaskItem);

        f.Server.Respond = (s, t, _, c, _) => s.Hello(t, c);
        feed.Finish();
        await reader.RestAsync();
        await reader.DisposeAsync();
    }

    [Fact]
    public async Task A_run_leaves_no_mark_in_the_thread_when_it_ends()
    {
        var f = Fixture();
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        Assert.True((await f.Memory.LoadThreadAsync(threadId, f.Context)).Metadata.ContainsKey("chatkit_run"));
        feed.Finish();
        await reader.RestAsync();
        await reader.DisposeAsync();
        await WaitUntilAsync(() => !f.Memory.LoadThreadAsync(threadId, f.Context).AsTask().Result.Metadata.ContainsKey("chatkit_run"), "the mark to go");
    }

    [Fact]
    public async Task Draining_waits_for_a_run_that_ends_within_the_timeout_and_stops_nothing()
    {
        var f = Fixture();
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        feed.Send("Hel");
        await reader.TakeAsync(1);

        var drained = f.Server.DrainRunsAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(100);
        Assert.False(drained.IsCompleted, "the drain waits for the run");
        feed.Send("lo");
        feed.Finish();

        Assert.Equal(0, await drained);
        await reader.RestAsync();
        await reader.DisposeAsync();
        var items = await f.ItemsAsync(threadId);
        Assert.Equal("Hello", Assert.IsType<AssistantMessageItem>(Assert.Single(items, i => i is AssistantMessageItem)).Content[0].Text);
        Assert.DoesNotContain(items, i => i is SdkHiddenContextItem);
    }

    [Fact]
    public async Task Draining_stops_the_runs_still_going_after_the_timeout_as_a_stop_request_does()
    {
        var f = Fixture();
        var feed = new Feed();
        var (threadId, reader, _) = await StartAsync(f, feed);
        feed.Send("Hel", "lo");
        await reader.TakeAsync(2);

        Assert.Equal(1, await f.Server.DrainRunsAsync(TimeSpan.FromMilliseconds(100)));

        // Stopped and cleaned up before the drain returns: the follower's stream ends, the partial reply and the
        // hidden note are stored, and the thread has no run.
        await reader.RestAsync();
        await reader.DisposeAsync();
        var items = await f.ItemsAsync(threadId);
        Assert.Equal(["user_message", "assistant_message", "sdk_hidden_context"], items.Select(i => (string)Run.ToNode(i)["type"]!));
        Assert.Equal("Hello", Assert.IsType<AssistantMessageItem>(items[1]).Content[0].Text);
        Assert.Null((await f.JsonAsync(GetBody(threadId)))!["active_run"]);

        // With nothing running, a drain returns at once.
        Assert.Equal(0, await f.Server.DrainRunsAsync(TimeSpan.FromSeconds(20)).WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
