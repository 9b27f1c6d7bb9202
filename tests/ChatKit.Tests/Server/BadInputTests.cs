using System.Text;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>
/// Rejected requests: each throws the right <see cref="ChatKitException"/> (status code) before anything is written,
/// and leaves the store exactly as it was.
/// </summary>
public sealed class BadInputTests
{
    private sealed record World(ServerFixture F, string ThreadId, string UserMessageId, string AssistantId, string WidgetId, string StructuredId, string AttachmentId, string BobThreadId, string BobAttachmentId);

    private static async Task<World> SetUpAsync(bool withAttachmentStore = true, ChatKitServerOptions? options = null)
    {
        var f = new ServerFixture(withAttachmentStore, options);
        var threadId = await f.CreateThreadAsync();
        var items = await f.ItemsAsync(threadId);
        var widget = FixtureConversation.MakeWidgetItem("msg_widget", threadId, f.Clock.GetUtcNow(), System.Text.Json.Nodes.JsonNode.Parse("""{"type":"Card","children":[]}""")!);
        await f.Memory.AddThreadItemAsync(threadId, widget, f.Context);
        await f.Memory.AddThreadItemAsync(threadId, new StructuredInputItem
        {
            Id = "msg_answered", ThreadId = threadId, CreatedAt = f.Clock.GetUtcNow(), Status = StructuredInputStatus.Answered,
            Inputs = [new FreeformInput { Id = "q", Question = "?" }],
        }, f.Context);
        var attachment = new FileAttachment { Id = "atc_alice", Name = "a.txt", MimeType = "text/plain" };
        await f.Memory.SaveAttachmentAsync(attachment, f.Context);

        f.Context = TestContext.Bob;
        var bobThread = await f.CreateThreadAsync("bob's");
        await f.Memory.SaveAttachmentAsync(new FileAttachment { Id = "atc_bob", Name = "b.txt", MimeType = "text/plain" }, TestContext.Bob);
        f.Context = TestContext.Alice;
        return new World(f, threadId, items[0].Id, items[1].Id, widget.Id, "msg_answered", attachment.Id, bobThread, "atc_bob");
    }

    private static async Task<TException> RejectedAsync<TException>(World w, string body, int status)
        where TException : ChatKitException => await RejectedAsync<TException>(w, Encoding.UTF8.GetBytes(body), status);

    private static async Task<TException> RejectedAsync<TException>(World w, byte[] body, int status)
        where TException : ChatKitException
    {
        var before = await w.F.SnapshotAsync(w.AttachmentId, w.BobAttachmentId);
        var respondCalls = w.F.Server.RespondInputs.Count;
        var error = await Assert.ThrowsAsync<TException>(() => w.F.Server.ProcessAsync(body, w.F.Context));
        Assert.Equal(status, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(before, await w.F.SnapshotAsync(w.AttachmentId, w.BobAttachmentId));
        Assert.Equal(respondCalls, w.F.Server.RespondInputs.Count);
        return error;
    }

    private static Task<ChatKitBadRequestException> BadAsync(World w, string body) => RejectedAsync<ChatKitBadRequestException>(w, body, 400);

    public static TheoryData<string> MalformedBodies => new()
    {
        "",
        "   ",
        "{\"type\":",
        "not json",
        "[]",
        "[{\"type\":\"threads.list\",\"params\":{}}]",
        "null",
        "42",
        "\"threads.list\"",
        "{}",
        "{\"params\":{}}",
        "{\"type\":null,\"params\":{}}",
        "{\"type\":42,\"params\":{}}",
        "{\"type\":\"threads.list\"}",
        "{\"type\":\"threads.list\",\"params\":null}",
        "{\"type\":\"threads.list\",\"params\":[]}",
        "{\"type\":\"threads.list\",\"params\":{\"limit\":{}}}",
        "{\"type\":\"threads.list\",\"params\":{\"limit\":\"many\"}}",
        "{\"type\":\"threads.list\",\"params\":{\"limit\":-1}}",
        "{\"type\":\"threads.list\",\"params\":{\"order\":\"ASC\"}}",
        "{\"type\":\"threads.list\",\"params\":{\"order\":\"Desc\"}}",
        "{\"type\":\"threads.list\",\"params\":{\"order\":\"sideways\"}}",
        "{\"type\":\"threads.list\",\"params\":{\"order\":1}}",
        "{\"type\":\"items.list\",\"params\":{}}",
        "{\"type\":\"threads.create\",\"params\":{}}",
        "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":[],\"inference_options\":{}}}}",
        "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":[],\"attachments\":[]}}}",
        "{\"type\":\"threads.create\",\"params\":{\"input\":{\"attachments\":[],\"inference_options\":{}}}}",
        "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":[{\"type\":\"input_image\"}],\"attachments\":[],\"inference_options\":{}}}}",
        "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":[{\"type\":\"input_text\"}],\"attachments\":[],\"inference_options\":{}}}}",
        "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":null,\"attachments\":[],\"inference_options\":{}}}}",
        "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":[],\"attachments\":null,\"inference_options\":{}}}}",
        "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":[],\"attachments\":[],\"inference_options\":null}}}",
        "{\"type\":\"threads.add_user_message\",\"params\":{\"input\":{\"content\":[],\"attachments\":[],\"inference_options\":{}}}}",
        "{\"type\":\"threads.add_user_message\",\"params\":{\"thread_id\":null,\"input\":{\"content\":[],\"attachments\":[],\"inference_options\":{}}}}",
        "{\"type\":\"threads.update\",\"params\":{\"thread_id\":\"thr_x\"}}",
        "{\"type\":\"threads.update\",\"params\":{\"thread_id\":\"thr_x\",\"title\":null}}",
        "{\"type\":\"items.feedback\",\"params\":{\"thread_id\":\"thr_x\",\"item_ids\":[]}}",
        "{\"type\":\"items.feedback\",\"params\":{\"thread_id\":\"thr_x\",\"item_ids\":[],\"kind\":\"meh\"}}",
        "{\"type\":\"attachments.create\",\"params\":{\"name\":\"a\",\"mime_type\":\"text/plain\"}}",
        "{\"type\":\"attachments.create\",\"params\":{\"name\":\"a\",\"size\":-1,\"mime_type\":\"text/plain\"}}",
        "{\"type\":\"attachments.delete\",\"params\":{}}",
        "{\"type\":\"input.transcribe\",\"params\":{\"mime_type\":\"audio/webm\"}}",
        "{\"type\":\"threads.custom_action\",\"params\":{\"thread_id\":\"thr_x\"}}",
        "{\"type\":\"threads.custom_action\",\"params\":{\"thread_id\":\"thr_x\",\"action\":{}}}",
        "{\"type\":\"threads.add_structured_input\",\"params\":{\"thread_id\":\"thr_x\",\"item_id\":\"i\",\"input\":{\"status\":\"pending\"}}}",
        "{\"type\":\"threads.retry_after_item\",\"params\":{\"thread_id\":\"thr_x\"}}",
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_request_is_a_bad_request(string body) => await BadAsync(await SetUpAsync(), body);

    [Fact]
    public async Task Unknown_request_type_names_the_type()
    {
        var error = await BadAsync(await SetUpAsync(), """{"type":"threads.cancel","params":{}}""");
        Assert.Contains("threads.cancel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Type_after_params_and_unknown_properties_are_accepted()
    {
        var w = await SetUpAsync();
        var result = await w.F.ProcessAsync($$"""{"params":{"thread_id":"{{w.ThreadId}}","extra":1},"metadata":{"x":1},"type":"threads.get_by_id","unknown":true}""");
        Assert.Equal(w.ThreadId, (string?)Run.Json(result)!["id"]);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var w = await SetUpAsync();
        w.F.Server.Options.MaxRequestBytes = 64;
        var body = ServerFixture.AddMessageBody(w.ThreadId, new string('x', 100));
        await RejectedAsync<ChatKitPayloadTooLargeException>(w, body, 413);
    }

    public static TheoryData<string> ThreadRequests => new()
    {
        """{"type":"threads.add_user_message","params":{"thread_id":"THREAD","input":{"content":[],"attachments":[],"inference_options":{}}}}""",
        """{"type":"threads.add_client_tool_output","params":{"thread_id":"THREAD","result":{}}}""",
        """{"type":"threads.add_structured_input","params":{"thread_id":"THREAD","item_id":"msg_answered","input":{}}}""",
        """{"type":"threads.retry_after_item","params":{"thread_id":"THREAD","item_id":"msg_x"}}""",
        """{"type":"threads.custom_action","params":{"thread_id":"THREAD","action":{"type":"a"}}}""",
        """{"type":"threads.sync_custom_action","params":{"thread_id":"THREAD","action":{"type":"a"}}}""",
        """{"type":"threads.get_by_id","params":{"thread_id":"THREAD"}}""",
        """{"type":"threads.update","params":{"thread_id":"THREAD","title":"t"}}""",
        """{"type":"threads.delete","params":{"thread_id":"THREAD"}}""",
        """{"type":"items.list","params":{"thread_id":"THREAD"}}""",
        """{"type":"items.feedback","params":{"thread_id":"THREAD","item_ids":["msg_1"],"kind":"positive"}}""",
    };

    [Theory]
    [MemberData(nameof(ThreadRequests))]
    public async Task Unknown_thread_is_404(string body)
    {
        var w = await SetUpAsync();
        w.F.Server.SyncAction = (_, _, _, _, _) => ValueTask.FromResult<WidgetItem?>(null);
        await RejectedAsync<ChatKitNotFoundException>(w, body.Replace("THREAD", "thr_unknown", StringComparison.Ordinal), 404);
    }

    [Theory]
    [MemberData(nameof(ThreadRequests))]
    public async Task Another_users_thread_is_404(string body)
    {
        var w = await SetUpAsync();
        w.F.Server.SyncAction = (_, _, _, _, _) => ValueTask.FromResult<WidgetItem?>(null);
        await RejectedAsync<ChatKitNotFoundException>(w, body.Replace("THREAD", w.BobThreadId, StringComparison.Ordinal), 404);
    }

    [Fact]
    public async Task Unknown_item_ids_are_404()
    {
        var w = await SetUpAsync();
        w.F.Server.SyncAction = (_, _, _, _, _) => ValueTask.FromResult<WidgetItem?>(null);
        await RejectedAsync<ChatKitNotFoundException>(w, $$$$"""{"type":"threads.add_structured_input","params":{"thread_id":"{{{{w.ThreadId}}}}","item_id":"msg_nope","input":{}}}""", 404);
        await RejectedAsync<ChatKitNotFoundException>(w, $$$$"""{"type":"threads.custom_action","params":{"thread_id":"{{{{w.ThreadId}}}}","item_id":"msg_nope","action":{"type":"a"}}}""", 404);
        await RejectedAsync<ChatKitNotFoundException>(w, $$$$"""{"type":"threads.sync_custom_action","params":{"thread_id":"{{{{w.ThreadId}}}}","item_id":"msg_nope","action":{"type":"a"}}}""", 404);
    }

    [Fact]
    public async Task Retry_target_that_is_not_a_user_message_is_400()
    {
        var w = await SetUpAsync();
        await BadAsync(w, $$$"""{"type":"threads.retry_after_item","params":{"thread_id":"{{{w.ThreadId}}}","item_id":"{{{w.AssistantId}}}"}}""");
    }

    [Fact]
    public async Task Client_tool_output_without_a_pending_call_is_409()
    {
        var w = await SetUpAsync();
        await RejectedAsync<ChatKitConflictException>(w, $$$"""{"type":"threads.add_client_tool_output","params":{"thread_id":"{{{w.ThreadId}}}","result":null}}""", 409);

        // A completed call as the newest item does not count either.
        await w.F.Memory.AddThreadItemAsync(w.ThreadId, new ClientToolCallItem { Id = "tc_done", ThreadId = w.ThreadId, CreatedAt = w.F.Clock.GetUtcNow(), CallId = "c", Name = "n", Status = ClientToolCallStatus.Completed }, w.F.Context);
        await RejectedAsync<ChatKitConflictException>(w, $$$$"""{"type":"threads.add_client_tool_output","params":{"thread_id":"{{{{w.ThreadId}}}}","result":{}}}""", 409);
    }

    [Fact]
    public async Task Structured_input_on_a_non_structured_item_is_400_and_on_an_answered_one_409()
    {
        var w = await SetUpAsync();
        await BadAsync(w, $$$$"""{"type":"threads.add_structured_input","params":{"thread_id":"{{{{w.ThreadId}}}}","item_id":"{{{{w.UserMessageId}}}}","input":{}}}""");
        await RejectedAsync<ChatKitConflictException>(w, $$$$"""{"type":"threads.add_structured_input","params":{"thread_id":"{{{{w.ThreadId}}}}","item_id":"{{{{w.StructuredId}}}}","input":{}}}""", 409);
    }

    [Fact]
    public async Task Sync_action_from_a_non_widget_item_is_400()
    {
        var w = await SetUpAsync();
        w.F.Server.SyncAction = (_, _, _, _, _) => ValueTask.FromResult<WidgetItem?>(null);
        await BadAsync(w, $$$$"""{"type":"threads.sync_custom_action","params":{"thread_id":"{{{{w.ThreadId}}}}","item_id":"{{{{w.UserMessageId}}}}","action":{"type":"a"}}}""");
    }

    [Fact]
    public async Task Attachment_requests_without_an_attachment_store_are_501()
    {
        var w = await SetUpAsync(withAttachmentStore: false);
        await RejectedAsync<ChatKitNotSupportedException>(w, """{"type":"attachments.create","params":{"name":"a.png","size":1,"mime_type":"image/png"}}""", 501);
        await RejectedAsync<ChatKitNotSupportedException>(w, $$$"""{"type":"attachments.delete","params":{"attachment_id":"{{{w.AttachmentId}}}"}}""", 501);
    }

    [Fact]
    public async Task Unsupported_hooks_are_501()
    {
        var w = await SetUpAsync();
        await RejectedAsync<ChatKitNotSupportedException>(w, """{"type":"input.transcribe","params":{"audio_base64":"AAAA","mime_type":"audio/webm"}}""", 501);
        await RejectedAsync<ChatKitNotSupportedException>(w, $$$$"""{"type":"threads.sync_custom_action","params":{"thread_id":"{{{{w.ThreadId}}}}","action":{"type":"a"}}}""", 501);
    }

    [Fact]
    public async Task Invalid_base64_audio_is_400()
    {
        var w = await SetUpAsync();
        w.F.Server.Transcribe = _ => new TranscriptionResult { Text = "x" };
        await BadAsync(w, """{"type":"input.transcribe","params":{"audio_base64":"A","mime_type":"audio/webm"}}""");
    }

    [Fact]
    public async Task Unknown_attachment_in_a_new_thread_is_404_and_creates_no_thread()
    {
        var w = await SetUpAsync();
        await RejectedAsync<ChatKitNotFoundException>(w, ServerFixture.CreateBody("Hi", "atc_nope"), 404);
        await RejectedAsync<ChatKitNotFoundException>(w, ServerFixture.CreateBody("Hi", w.AttachmentId, "atc_nope"), 404);
        await RejectedAsync<ChatKitNotFoundException>(w, ServerFixture.AddMessageBody(w.ThreadId, "Hi", "atc_nope"), 404);
    }

    /// <summary>
    /// A null element of a typed list or map is rejected while parsing, before any lookup: an unknown attachment
    /// would be 404 and feedback would reach the handler, but <c>[null]</c> is malformed input.
    /// </summary>
    [Fact]
    public async Task Null_elements_in_request_lists_and_maps_are_400_and_change_nothing()
    {
        var w = await SetUpAsync();
        var input = """{"content":[{"type":"input_text","text":"Hi"}],"attachments":[],"inference_options":{}}""";
        (string Body, string Location)[] cases =
        [
            (input.Replace("""[{"type":"input_text","text":"Hi"}]""", "[null]", StringComparison.Ordinal), "params.input.content[0]"),
            (input.Replace("""{"type":"input_text","text":"Hi"}]""", """{"type":"input_text","text":"Hi"},null]""", StringComparison.Ordinal), "params.input.content[1]"),
            (input.Replace("\"attachments\":[]", "\"attachments\":[null]", StringComparison.Ordinal), "params.input.attachments[0]"),
            (input.Replace("\"attachments\":[]", $"\"attachments\":[\"{w.AttachmentId}\",null]", StringComparison.Ordinal), "params.input.attachments[1]"),
        ];
        foreach (var (body, location) in cases)
        {
            var create = await BadAsync(w, $$$"""{"type":"threads.create","params":{"input":{{{body}}}}}""");
            Assert.EndsWith($"'{location}' must not be null.", create.Message, StringComparison.Ordinal);
            var add = await BadAsync(w, $$$"""{"type":"threads.add_user_message","params":{"thread_id":"{{{w.ThreadId}}}","input":{{{body}}}}}""");
            Assert.EndsWith($"'{location}' must not be null.", add.Message, StringComparison.Ordinal);
        }

        var feedback = await BadAsync(w, $$$"""{"type":"items.feedback","params":{"thread_id":"{{{w.ThreadId}}}","item_ids":[null],"kind":"positive"}}""");
        Assert.EndsWith("'params.item_ids[0]' must not be null.", feedback.Message, StringComparison.Ordinal);
        Assert.Empty(w.F.Server.Feedback);

        var structured = $$$$"""{"type":"threads.add_structured_input","params":{"thread_id":"{{{{w.ThreadId}}}}","item_id":"{{{{w.StructuredId}}}}","input":{"answers":ANSWERS}}}""";
        var answer = await BadAsync(w, structured.Replace("ANSWERS", """{"q":null}""", StringComparison.Ordinal));
        Assert.EndsWith("'params.input.answers.q' must not be null.", answer.Message, StringComparison.Ordinal);
        var value = await BadAsync(w, structured.Replace("ANSWERS", """{"q":{"values":[null]}}""", StringComparison.Ordinal));
        Assert.EndsWith("'params.input.answers.q.values[0]' must not be null.", value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_content_part_in_a_new_thread_is_400_and_stores_nothing()
    {
        var f = new ServerFixture();
        var body = """{"type":"threads.create","params":{"input":{"content":[null],"attachments":[],"inference_options":{}}}}""";
        var error = await Assert.ThrowsAsync<ChatKitBadRequestException>(() => f.Server.ProcessAsync(Encoding.UTF8.GetBytes(body), f.Context));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Invalid 'threads.create' request: 'params.input.content[0]' must not be null.", error.Message);

        // Rejected while parsing: the store was not even asked, so there is no thread and no item.
        Assert.Empty(f.Store.Calls);
        Assert.Empty((await f.Memory.LoadThreadsAsync(100, null, SortOrder.Asc, f.Context)).Data);
        Assert.Empty(f.Server.RespondInputs);

        // The same server goes on to create a thread from a valid body.
        var threadId = await f.CreateThreadAsync();
        Assert.Equal(2, (await f.ItemsAsync(threadId)).Count);
    }

    [Fact]
    public async Task Another_users_attachment_is_404()
    {
        var w = await SetUpAsync();
        await RejectedAsync<ChatKitNotFoundException>(w, ServerFixture.CreateBody("Hi", w.BobAttachmentId), 404);
        await RejectedAsync<ChatKitNotFoundException>(w, ServerFixture.AddMessageBody(w.ThreadId, "Hi", w.BobAttachmentId), 404);
        await RejectedAsync<ChatKitNotFoundException>(w, $$$"""{"type":"attachments.delete","params":{"attachment_id":"{{{w.BobAttachmentId}}}"}}""", 404);
        Assert.Empty(w.F.Attachments!.Deleted);
    }

    [Fact]
    public async Task Unknown_attachment_delete_is_404()
    {
        var w = await SetUpAsync();
        await RejectedAsync<ChatKitNotFoundException>(w, """{"type":"attachments.delete","params":{"attachment_id":"atc_nope"}}""", 404);
    }

    [Fact]
    public async Task Feedback_for_another_users_thread_does_not_reach_the_handler()
    {
        var w = await SetUpAsync();
        await RejectedAsync<ChatKitNotFoundException>(w, $$$"""{"type":"items.feedback","params":{"thread_id":"{{{w.BobThreadId}}}","item_ids":["x"],"kind":"negative"}}""", 404);
        Assert.Empty(w.F.Server.Feedback);
    }

    [Fact]
    public async Task Lenient_scalars_and_explicit_nulls_for_optionals_are_accepted()
    {
        var w = await SetUpAsync();
        var page = Run.Json(await w.F.ProcessAsync($$$"""{"type":"items.list","params":{"thread_id":"{{{w.ThreadId}}}","limit":"1","order":null,"after":null}}"""))!;
        Assert.Single(page["data"]!.AsArray());
        Assert.Equal("msg_answered", (string?)page["data"]![0]!["id"]); // default order: newest first
        _ = StoreItemKind.Message;
    }

    [Fact]
    public async Task A_message_with_explicit_nulls_for_every_optional_field_is_answered_with_the_defaults()
    {
        var w = await SetUpAsync();
        var events = await w.F.StreamAsync($$$"""
            {"type":"threads.add_user_message","metadata":null,"params":{"thread_id":"{{{w.ThreadId}}}","input":{
              "content":[{"type":"input_text","text":"See "},{"type":"input_tag","id":"doc_1","text":"Doc","data":null,"group":null,"interactive":null}],
              "attachments":[],"quoted_text":null,"inference_options":{"tool_choice":null,"model":null}
            } } }
            """);
        Assert.DoesNotContain(events, e => (string?)e["type"] == "error");

        var message = Assert.IsType<UserMessageItem>(w.F.Server.RespondInputs[^1]);
        var tag = Assert.IsType<UserMessageTagContent>(message.Content[1]);
        Assert.Empty(tag.Data);
        Assert.Null(tag.Group);
        Assert.False(tag.Interactive);
        Assert.Null(message.QuotedText);
        Assert.Null(message.InferenceOptions.ToolChoice);

        // What the client gets back has the defaults written out and no nulls.
        var added = events.Single(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "user_message");
        Assert.Equal("""{"type":"input_tag","id":"doc_1","text":"Doc","data":{},"interactive":false}""", added["item"]!["content"]![1]!.ToJsonString());
    }
}
