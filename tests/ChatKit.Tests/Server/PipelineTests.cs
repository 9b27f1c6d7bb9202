using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Json;
using ChatKit.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ChatKit.Tests.Server;

/// <summary>The event pipeline (docs/protocol.md §9.1, §8, §9.5): ordering, persistence, errors, hidden items, thread changes, cancellation.</summary>
public sealed class PipelineTests
{
    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    private static void AssertEvent(string expected, JsonNode actual) =>
        JsonTree.AssertEqual(Parse(expected), actual);

    [Fact]
    public async Task Ordinary_exception_mid_stream_becomes_one_retryable_stream_error_and_is_logged_with_the_thread_id()
    {
        var f = new ServerFixture();
        var failure = new InvalidOperationException("model exploded");
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of([() => new ThreadItemDoneEvent { Item = s.Message(t, c, "partial") }], failure);

        var events = await f.StreamAsync(ServerFixture.CreateBody("Hi"));

        Assert.Equal("thread.created,thread.item.done,stream_options,thread.item.done,error", Run.Types(events));
        AssertEvent("""{"type":"error","code":"stream.error","allow_retry":true}""", events[^1]);
        var threadId = (string)events[0]["thread"]!["id"]!;
        Assert.Equal(2, (await f.ItemsAsync(threadId)).Count); // the user message and the finished assistant message stay

        var logged = Assert.Single(f.Logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Same(failure, logged.Exception);
        Assert.Contains(logged.State, p => p.Value as string == threadId);
        Assert.Contains(threadId, logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_stream_error_carries_its_message_and_retry_flag()
    {
        var f = new ServerFixture();
        f.Server.Respond = (_, _, _, _, _) => Scripts.Of([], new CustomStreamErrorException("Quota reached.", allowRetry: true));
        var events = await f.StreamAsync(ServerFixture.CreateBody("Hi"));
        AssertEvent("""{"type":"error","code":"custom","message":"Quota reached.","allow_retry":true}""", events[^1]);
    }

    [Fact]
    public async Task Stream_error_with_a_code_has_no_message_and_retry_follows_the_code()
    {
        var f = new ServerFixture();
        f.Server.Respond = (_, _, _, _, _) => Scripts.Of([], new StreamErrorException("rate_limited", message: "internal detail"));
        AssertEvent("""{"type":"error","code":"rate_limited","allow_retry":false}""", (await f.StreamAsync(ServerFixture.CreateBody("Hi")))[^1]);

        f.Server.Respond = (_, _, _, _, _) => Scripts.Of([], new StreamErrorException());
        AssertEvent("""{"type":"error","code":"stream.error","allow_retry":true}""", (await f.StreamAsync(ServerFixture.CreateBody("Hi")))[^1]);
    }

    [Fact]
    public async Task Handler_yielding_an_error_event_continues()
    {
        var f = new ServerFixture();
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of(
        [
            () => new ErrorEvent { Code = "custom", Message = "soft failure" },
            () => new ThreadItemDoneEvent { Item = s.Message(t, c, "recovered") },
        ]);
        var events = await f.StreamAsync(ServerFixture.CreateBody("Hi"));
        Assert.Equal("thread.created,thread.item.done,stream_options,error,thread.item.done", Run.Types(events));
    }

    [Fact]
    public async Task Store_failure_while_persisting_an_item_ends_the_stream_with_an_error_and_the_event_is_not_sent()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        string? failingId = null;
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of(
        [
            () => new ThreadItemDoneEvent { Item = s.Message(t, c, "first") is var m && (failingId = m.Id) is not null ? m : m },
            () => new ThreadItemDoneEvent { Item = s.Message(t, c, "never") },
        ]);
        f.Store.FailWhen = (op, id) => op == "AddThreadItem" && id == failingId;

        var events = await f.StreamAsync(ServerFixture.AddMessageBody(threadId, "Go"));

        Assert.Equal("thread.item.done,stream_options,error", Run.Types(events));
        AssertEvent("""{"type":"error","code":"stream.error","allow_retry":true}""", events[^1]);
        Assert.DoesNotContain(await f.ItemsAsync(threadId), i => i.Id == failingId);
        Assert.Contains(f.Logger.Entries, e => e.Level == LogLevel.Error && e.Exception is IOException);
    }

    [Fact]
    public async Task Removed_and_replaced_events_persist_before_being_sent_and_added_persists_nothing()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var existing = (await f.ItemsAsync(threadId))[^1];
        string? addedId = null;
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of(
        [
            () => new ThreadItemRemovedEvent { ItemId = existing.Id },
            () => new ThreadItemReplacedEvent { Item = s.Message(t, c, "replacement") },
            () => new ThreadItemAddedEvent { Item = s.Message(t, c, "pending forever") is var m && (addedId = m.Id) is not null ? m : m },
        ]);

        var events = await f.StreamAsync(ServerFixture.AddMessageBody(threadId, "Go"));

        Assert.Equal("thread.item.done,stream_options,thread.item.removed,thread.item.replaced,thread.item.added", Run.Types(events));
        var items = await f.ItemsAsync(threadId);
        Assert.DoesNotContain(items, i => i.Id == existing.Id);
        Assert.Contains(items, i => i is AssistantMessageItem { Content: [{ Text: "replacement" }] });
        Assert.DoesNotContain(items, i => i.Id == addedId);
        Assert.DoesNotContain(f.Store.Calls, c => c == "AddThreadItem:" + addedId || c == "SaveItem:" + addedId);
    }

    [Fact]
    public async Task Hidden_items_are_persisted_but_never_streamed_or_listed()
    {
        var f = new ServerFixture();
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of(
        [
            () => new ThreadItemDoneEvent { Item = new HiddenContextItem { Id = s.NewId(StoreItemKind.Message, t, c), ThreadId = t.Id, CreatedAt = s.Time, Content = Parse("""{"secret":null}""") } },
            () => new ThreadItemDoneEvent { Item = new SdkHiddenContextItem { Id = s.NewId(StoreItemKind.SdkHiddenContext, t, c), ThreadId = t.Id, CreatedAt = s.Time, Content = "model only" } },
            () => new ThreadItemDoneEvent { Item = s.Message(t, c, "visible") },
        ]);

        var events = await f.StreamAsync(ServerFixture.CreateBody("Hi"));
        Assert.Equal("thread.created,thread.item.done,stream_options,thread.item.done", Run.Types(events));
        Assert.DoesNotContain("hidden", events.Select(JsonTree.Compact).Aggregate((a, b) => a + b), StringComparison.Ordinal);

        var threadId = (string)events[0]["thread"]!["id"]!;
        Assert.Equal(4, (await f.ItemsAsync(threadId)).Count);

        var list = await f.JsonAsync($$$"""{"type":"items.list","params":{"thread_id":"{{{threadId}}}"}}""");
        Assert.Equal(["user_message", "assistant_message"], list!["data"]!.AsArray().Select(i => (string?)i!["type"]).Reverse());
        var thread = await f.JsonAsync($$$"""{"type":"threads.get_by_id","params":{"thread_id":"{{{threadId}}}"}}""");
        Assert.Equal(["user_message", "assistant_message"], thread!["items"]!["data"]!.AsArray().Select(i => (string?)i!["type"]));
    }

    [Fact]
    public async Task Paging_defaults_hidden_filtering_after_paging_and_cursor_rules()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync(); // user message + assistant message
        var thread = await f.Memory.LoadThreadAsync(threadId, f.Context);
        var ids = (await f.ItemsAsync(threadId)).Select(i => i.Id).ToList();
        for (var i = 0; i < 28; i++)
        {
            ThreadItem item = i % 7 == 3
                ? new HiddenContextItem { Id = $"msg_h{i:00}", ThreadId = threadId, CreatedAt = f.Clock.GetUtcNow(), Content = i }
                : new AssistantMessageItem { Id = $"msg_v{i:00}", ThreadId = threadId, CreatedAt = f.Clock.GetUtcNow(), Content = [new() { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }] };
            await f.Memory.AddThreadItemAsync(threadId, item, f.Context);
            ids.Add(item.Id);
        }

        // items.list: default limit 20, newest first; hidden items dropped after paging (so fewer than 20).
        var page = (await f.JsonAsync($$$"""{"type":"items.list","params":{"thread_id":"{{{threadId}}}","limit":0}}"""))!;
        var newest20 = Enumerable.Reverse(ids).Take(20).ToList();
        Assert.Equal(newest20.Where(id => !id.StartsWith("msg_h", StringComparison.Ordinal)), page["data"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.True((bool)page["has_more"]!);
        Assert.Equal(newest20[^1], (string?)page["after"]);

        // A page ending on a hidden item still hands out that id as the cursor, and it works.
        var hiddenCursorPage = (await f.JsonAsync($$$"""{"type":"items.list","params":{"thread_id":"{{{threadId}}}","limit":2,"order":"asc","after":"msg_v02"}}"""))!;
        Assert.Equal(["msg_v04"], hiddenCursorPage["data"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.Equal("msg_v04", (string?)hiddenCursorPage["after"]);
        var afterHidden = (await f.JsonAsync($$$"""{"type":"items.list","params":{"thread_id":"{{{threadId}}}","limit":1,"order":"asc","after":"msg_h03"}}"""))!;
        Assert.Equal(["msg_v04"], afterHidden["data"]!.AsArray().Select(i => (string?)i!["id"]));
        var onlyHidden = (await f.JsonAsync($$$"""{"type":"items.list","params":{"thread_id":"{{{threadId}}}","limit":1,"order":"asc","after":"msg_v02"}}"""))!;
        Assert.Empty(onlyHidden["data"]!.AsArray());
        Assert.True((bool)onlyHidden["has_more"]!);
        Assert.Equal("msg_h03", (string?)onlyHidden["after"]);

        // Last page: has_more false and no 'after'.
        var last = (await f.JsonAsync($$$"""{"type":"items.list","params":{"thread_id":"{{{threadId}}}","limit":5,"order":"desc","after":"{{{ids[5]}}}"}}"""))!.AsObject();
        Assert.False((bool)last["has_more"]!);
        Assert.False(last.ContainsKey("after"));

        // threads.get_by_id: the OLDEST 20, ascending, hidden removed.
        var byId = (await f.JsonAsync($$$"""{"type":"threads.get_by_id","params":{"thread_id":"{{{threadId}}}"}}"""))!;
        Assert.Equal(ids.Take(20).Where(id => !id.StartsWith("msg_h", StringComparison.Ordinal)), byId["items"]!["data"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.True((bool)byId["items"]!["has_more"]!);
        Assert.Equal(ids[19], (string?)byId["items"]!["after"]);

        // Unknown cursors are rejected (400), for items and threads.
        var e1 = await Assert.ThrowsAsync<ChatKitBadRequestException>(() => f.ProcessAsync($$$"""{"type":"items.list","params":{"thread_id":"{{{threadId}}}","after":"msg_nope"}}"""));
        Assert.Equal(400, e1.StatusCode);
        var e2 = await Assert.ThrowsAsync<ChatKitBadRequestException>(() => f.ProcessAsync("""{"type":"threads.list","params":{"after":"thr_nope"}}"""));
        Assert.Equal(400, e2.StatusCode);
        _ = thread;
    }

    [Fact]
    public async Task Threads_list_defaults_to_newest_first_with_empty_item_pages()
    {
        var f = new ServerFixture();
        var first = await f.CreateThreadAsync("one");
        var second = await f.CreateThreadAsync("two");
        var page = (await f.JsonAsync("""{"type":"threads.list","params":{}}"""))!;
        Assert.Equal([second, first], page["data"]!.AsArray().Select(t => (string?)t!["id"]));
        foreach (var thread in page["data"]!.AsArray())
        {
            JsonTree.AssertEqual(Parse("""{"data":[],"has_more":false}"""), thread!["items"]);
        }

        var asc = (await f.JsonAsync("""{"type":"threads.list","params":{"order":"asc","limit":"1"}}"""))!;
        Assert.Equal([first], asc["data"]!.AsArray().Select(t => (string?)t!["id"]));
        Assert.Equal(first, (string?)asc["after"]);
    }

    [Fact]
    public async Task Thread_responses_never_expose_stored_metadata()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var stored = await f.Memory.LoadThreadAsync(threadId, f.Context);
        stored.Metadata = new JsonObject { ["tenant"] = "acme", ["secret"] = null };
        stored.AllowedImageDomains = ["images.example.com"];
        await f.Memory.SaveThreadAsync(stored, f.Context);

        var responses = new[]
        {
            (await f.JsonAsync($$$"""{"type":"threads.get_by_id","params":{"thread_id":"{{{threadId}}}"}}"""))!,
            (await f.JsonAsync("""{"type":"threads.list","params":{}}"""))!["data"]![0]!,
            (await f.JsonAsync($$$"""{"type":"threads.update","params":{"thread_id":"{{{threadId}}}","title":""}}"""))!,
        };
        foreach (var response in responses)
        {
            JsonTree.AssertEqual(Parse("{}"), response["metadata"]);
            JsonTree.AssertEqual(Parse("""["images.example.com"]"""), response["allowed_image_domains"]);
        }

        Assert.Equal("", (string?)responses[2]["title"]);
        Assert.Equal("acme", (string?)(await f.Memory.LoadThreadAsync(threadId, f.Context)).Metadata["tenant"]);
    }

    [Fact]
    public async Task Title_set_by_an_iterator_before_its_first_yield_is_saved_and_sent_after_that_event()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        f.Server.Respond = TitleThenHello;

        var events = await f.StreamAsync(ServerFixture.AddMessageBody(threadId, "Name it"));

        Assert.Equal("thread.item.done,stream_options,thread.item.done,thread.updated", Run.Types(events));
        Assert.Equal("Greeting", (string?)events[^1]["thread"]!["title"]);
        JsonTree.AssertEqual(Parse("{}"), events[^1]["thread"]!["metadata"]);
        Assert.Equal("Greeting", (await f.Memory.LoadThreadAsync(threadId, f.Context)).Title);

        static async IAsyncEnumerable<ThreadStreamEvent> TitleThenHello(TestServer s, ThreadMetadata t, UserMessageItem? input, TestContext c, [EnumeratorCancellation] CancellationToken ct)
        {
            t.Title = "Greeting";
            await Task.Yield();
            yield return new ThreadItemDoneEvent { Item = s.Message(t, c, "Hello") };
        }
    }

    [Fact]
    public async Task Status_and_private_metadata_changes_each_produce_one_thread_updated()
    {
        var f = new ServerFixture();
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of(
        [
            () => new ProgressUpdateEvent { Text = "one" },
            () =>
            {
                t.Metadata["k"] = "v";
                return new ProgressUpdateEvent { Text = "two" };
            },
            () =>
            {
                t.Status = ThreadStatus.Locked("busy");
                return new ProgressUpdateEvent { Text = "three" };
            },
        ]);

        var events = await f.StreamAsync(ServerFixture.CreateBody("Hi"));

        Assert.Equal("thread.created,thread.item.done,stream_options,progress_update,progress_update,thread.updated,progress_update,thread.updated", Run.Types(events));
        JsonTree.AssertEqual(Parse("{}"), events[5]["thread"]!["metadata"]);
        JsonTree.AssertEqual(Parse("""{"type":"locked","reason":"busy"}"""), events[7]["thread"]!["status"]);
        var stored = await f.Memory.LoadThreadAsync((string)events[0]["thread"]!["id"]!, f.Context);
        Assert.Equal("v", (string?)stored.Metadata["k"]);
    }

    [Fact]
    public async Task Custom_action_without_a_handler_is_a_retryable_stream_error()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var events = await f.StreamAsync($$$$"""{"type":"threads.custom_action","params":{"thread_id":"{{{{threadId}}}}","action":{"type":"x"}}}""");
        Assert.Equal("stream_options,error", Run.Types(events));
        AssertEvent("""{"type":"error","code":"stream.error","allow_retry":true}""", events[1]);
    }

    [Fact]
    public async Task Stream_options_come_from_the_hook()
    {
        var f = new ServerFixture();
        var server = new NoCancelServer(f.Store);
        var result = await server.ProcessAsync(Run.Body(ServerFixture.CreateBody("Hi")), f.Context);
        var events = await Run.EventsAsync(result);
        AssertEvent("""{"type":"stream_options","stream_options":{"allow_cancel":false}}""", events[2]);
    }

    [Fact]
    public async Task Client_tool_output_completes_the_call_without_an_event_and_deletes_stray_pending_calls()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        ClientToolCallItem Call(string id) => new() { Id = id, ThreadId = threadId, CreatedAt = f.Clock.GetUtcNow(), CallId = "c_" + id, Name = "tool" };
        await f.Memory.AddThreadItemAsync(threadId, Call("tc_stray"), f.Context);
        await f.Memory.AddThreadItemAsync(threadId, Call("tc_last"), f.Context);

        var events = await f.StreamAsync($$$"""{"type":"threads.add_client_tool_output","params":{"thread_id":"{{{threadId}}}","result":[1,null,{"a":null}]}}""");

        Assert.Equal("stream_options,thread.item.done", Run.Types(events));
        Assert.Null(f.Server.RespondInputs[^1]);
        var items = await f.ItemsAsync(threadId);
        Assert.DoesNotContain(items, i => i.Id == "tc_stray");
        var completed = Assert.IsType<ClientToolCallItem>(Assert.Single(items, i => i.Id == "tc_last"));
        Assert.Equal(ClientToolCallStatus.Completed, completed.Status);
        JsonTree.AssertEqual(Parse("""[1,null,{"a":null}]"""), completed.Output);
    }

    [Fact]
    public async Task Structured_input_skipped_submission_skips_every_question()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        await f.Memory.AddThreadItemAsync(threadId, new StructuredInputItem
        {
            Id = "msg_si", ThreadId = threadId, CreatedAt = f.Clock.GetUtcNow(),
            Inputs = [new MultipleChoiceInput { Id = "a", Question = "A?", Options = [new() { Value = "x" }], Multiple = true }, new FreeformInput { Id = "b", Question = "B?" }],
        }, f.Context);

        var events = await f.StreamAsync($$$$$$"""{"type":"threads.add_structured_input","params":{"thread_id":"{{{{{{threadId}}}}}}","item_id":"msg_si","input":{"status":"skipped","answers":{"a":{"values":["x","custom"]}}}}}""");

        Assert.Equal("stream_options,thread.item.replaced,thread.item.done", Run.Types(events));
        var replaced = events[1]["item"]!;
        Assert.Equal("skipped", (string?)replaced["status"]);
        foreach (var input in replaced["inputs"]!.AsArray())
        {
            JsonTree.AssertEqual(Parse("""{"values":[],"skipped":true}"""), input!["answer"]);
        }

        // Multiple-choice with multiple:true keeps every value, including free text.
        await f.Memory.AddThreadItemAsync(threadId, new StructuredInputItem
        {
            Id = "msg_si2", ThreadId = threadId, CreatedAt = f.Clock.GetUtcNow(),
            Inputs = [new MultipleChoiceInput { Id = "a", Question = "A?", Options = [new() { Value = "x" }], Multiple = true }],
        }, f.Context);
        var events2 = await f.StreamAsync($$$$$$"""{"type":"threads.add_structured_input","params":{"thread_id":"{{{{{{threadId}}}}}}","item_id":"msg_si2","input":{"answers":{"a":{"values":["x","custom"]}}}}}""");
        JsonTree.AssertEqual(Parse("""{"values":["x","custom"],"skipped":false}"""), events2[1]["item"]!["inputs"]![0]!["answer"]);
        Assert.Equal("answered", (string?)events2[1]["item"]!["status"]);
    }

    private sealed class NoCancelServer(IStore<TestContext> store) : ChatKitServer<TestContext>(store)
    {
        protected override StreamOptions GetStreamOptions(ThreadMetadata thread, TestContext context) => new() { AllowCancel = false };

        protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(ThreadMetadata thread, UserMessageItem? input, TestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield break;
        }
    }
}

public sealed class ThreadSaveFailureTests
{
    [Fact]
    public async Task Store_failure_while_saving_a_thread_change_is_an_error_event_not_an_aborted_stream()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of(
        [
            () =>
            {
                t.Title = "New title";
                return new ThreadItemDoneEvent { Item = s.Message(t, c, "Hello") };
            },
            () => new ThreadItemDoneEvent { Item = s.Message(t, c, "never") },
        ]);
        f.Store.FailWhen = (op, _) => op == "SaveThread";

        var events = await f.StreamAsync(ServerFixture.AddMessageBody(threadId, "Go"));

        Assert.Equal("thread.item.done,stream_options,thread.item.done,error", Run.Types(events));
        Assert.Equal("stream.error", (string?)events[^1]["code"]);
        Assert.True((bool)events[^1]["allow_retry"]!);
        var items = await f.ItemsAsync(threadId);
        Assert.DoesNotContain(items, i => i.IsHidden); // not treated as a cancellation
        Assert.Null((await f.Memory.LoadThreadAsync(threadId, f.Context)).Title);
    }
}
