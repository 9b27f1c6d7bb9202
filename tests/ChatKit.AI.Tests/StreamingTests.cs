using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatKit.AI.Tests.Support;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class StreamingTests
{
    [Fact]
    public async Task Text_reply_streams_the_reference_event_sequence_and_persists_the_message()
    {
        var citation = new CitationAnnotation
        {
            Title = "Hello page",
            Url = new Uri("https://example.com/hello"),
            AnnotatedRegions = [new TextSpanAnnotatedRegion { StartIndex = 7, EndIndex = 13 }],
        };
        var harness = new Harness(new ChatClientResponderOptions { Instructions = "Be brief." });
        harness.Client.Then(Text("Hello, "), Text("world!").With(), new ChatResponseUpdate(ChatRole.Assistant, [new TextContent("") { Annotations = [citation] }]));

        var events = await harness.CreateThreadAsync("Say hello");

        Assert.Equal(
            [
                "thread.created", "thread.item.done:user_message", "stream_options",
                "thread.item.added:assistant_message",
                "updated:assistant_message.content_part.added",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.annotation_added",
                "updated:assistant_message.content_part.done",
                "thread.item.done:assistant_message",
            ],
            Harness.Shape(events));

        var added = events[3]["item"]!;
        Assert.Equal("[]", added["content"]!.ToJsonString());
        var messageId = (string)added["id"]!;
        Assert.StartsWith("msg_", messageId);
        Assert.All(events.Skip(4).Take(5), e => Assert.Equal(messageId, (string)e["item_id"]!));
        JsonAssert.Equal("""{"annotations":[],"text":"","type":"output_text"}""", events[4]["update"]!["content"]!);
        Assert.Equal("Hello, ", (string)events[5]["update"]!["delta"]!);
        JsonAssert.Equal("""{"type":"annotation","source":{"title":"Hello page","type":"url","url":"https://example.com/hello"},"index":13}""", events[7]["update"]!["annotation"]!);
        Assert.Equal(0, (int)events[7]["update"]!["annotation_index"]!);
        var final = """{"annotations":[{"type":"annotation","source":{"title":"Hello page","type":"url","url":"https://example.com/hello"},"index":13}],"text":"Hello, world!","type":"output_text"}""";
        JsonAssert.Equal(final, events[8]["update"]!["content"]);
        JsonAssert.Equal($"[{final}]", events[9]["item"]!["content"]);

        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.Collection(
            items,
            i => Assert.IsType<UserMessageItem>(i),
            i =>
            {
                var message = Assert.IsType<AssistantMessageItem>(i);
                Assert.Equal(messageId, message.Id);
                Assert.Equal("Hello, world!", Assert.Single(message.Content).Text);
                Assert.IsType<UrlSource>(Assert.Single(message.Content[0].Annotations).Source);
            });

        var call = Assert.Single(harness.Client.Calls);
        Assert.Equal(["system: Be brief.", "user: Say hello"], MessageText.Render(call));
    }

    [Fact]
    public async Task File_citations_become_file_sources_and_annotations_without_regions_use_the_text_position()
    {
        var harness = new Harness();
        harness.Client.Then(
            Text("See the report."),
            new ChatResponseUpdate(ChatRole.Assistant, [new TextContent(null) { Annotations = [new CitationAnnotation { FileId = "file_1", Title = "report.pdf" }] }]),
            new ChatResponseUpdate(ChatRole.Assistant, [new TextContent(null) { Annotations = [new CitationAnnotation { FileId = "file_2" }] }]));

        var events = await harness.CreateThreadAsync("Summarize");

        var annotations = events.Where(e => (string?)e["update"]?["type"] == "assistant_message.content_part.annotation_added").ToList();
        Assert.Equal(2, annotations.Count);
        JsonAssert.Equal("""{"type":"annotation","source":{"title":"report.pdf","type":"file","filename":"report.pdf"},"index":15}""", annotations[0]["update"]!["annotation"]!);
        Assert.Equal("file_2", (string)annotations[1]["update"]!["annotation"]!["source"]!["filename"]!);
        Assert.Equal(1, (int)annotations[1]["update"]!["annotation_index"]!);
    }

    [Fact]
    public async Task Citations_on_a_content_of_their_own_after_the_text_annotate_the_message()
    {
        // The official OpenAI Responses adapter streams url citations this way: a bare AIContent after the text.
        var harness = new Harness();
        harness.Client.Then(
            Text("Sourced claim."),
            new ChatResponseUpdate(ChatRole.Assistant, [new AIContent { Annotations = [new CitationAnnotation
            {
                Url = new Uri("https://example.com/s"),
                Title = "S",
                AnnotatedRegions = [new TextSpanAnnotatedRegion { StartIndex = 0, EndIndex = 14 }],
            }] }]));

        var events = await harness.CreateThreadAsync("Cite it");

        var annotation = Assert.Single(events, e => (string?)e["update"]?["type"] == "assistant_message.content_part.annotation_added");
        JsonAssert.Equal("""{"type":"annotation","source":{"title":"S","type":"url","url":"https://example.com/s"},"index":14}""", annotation["update"]!["annotation"]!);
        var done = events.Last(e => (string?)e["type"] == "thread.item.done");
        Assert.Equal("Sourced claim.", (string)done["item"]!["content"]![0]!["text"]!);
        Assert.Single(done["item"]!["content"]![0]!["annotations"]!.AsArray());
    }

    [Fact]
    public async Task Reasoning_becomes_a_reasoning_workflow_with_a_streamed_thought_and_a_duration()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var harness = new Harness(clock: clock);
        harness.Client.Then(ct => Script(clock));

        var events = await harness.CreateThreadAsync("Think");

        Assert.Equal(
            [
                "thread.created", "thread.item.done:user_message", "stream_options",
                "thread.item.added:workflow",
                "updated:workflow.task.added",
                "updated:workflow.task.updated",
                "thread.item.done:workflow",
                "thread.item.added:assistant_message",
                "updated:assistant_message.content_part.added",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.done",
                "thread.item.done:assistant_message",
            ],
            Harness.Shape(events));
        JsonAssert.Equal("""{"type":"reasoning","tasks":[],"expanded":false}""", events[3]["item"]!["workflow"]!);
        JsonAssert.Equal("""{"status_indicator":"none","type":"thought","content":"Let me "}""", events[4]["update"]!["task"]!);
        JsonAssert.Equal("""{"status_indicator":"none","type":"thought","content":"Let me think."}""", events[5]["update"]!["task"]!);
        Assert.Equal(0, (int)events[5]["update"]!["task_index"]!);
        JsonAssert.Equal("""{"type":"reasoning","tasks":[{"status_indicator":"none","type":"thought","content":"Let me think."}],"summary":{"duration":3},"expanded":false}""", events[6]["item"]!["workflow"]!);

        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.Equal(["UserMessageItem", "WorkflowItem", "AssistantMessageItem"], items.Select(i => i.GetType().Name));

        static async IAsyncEnumerable<ChatResponseUpdate> Script(ManualTimeProvider clock)
        {
            await Task.Yield();
            yield return Reasoning("Let me ");
            yield return Reasoning("think.");
            clock.Advance(TimeSpan.FromSeconds(3.4));
            yield return Text("Done.");
        }
    }

    [Fact]
    public async Task Reasoning_across_tool_rounds_adds_one_thought_per_model_call_to_the_same_workflow()
    {
        var harness = new Harness(new ChatClientResponderOptions { Tools = [AIFunctionFactory.Create(() => "42", "lookup")] });
        harness.Client
            .Then(Reasoning("I need data."), Call("c1", "lookup"))
            .Then(Reasoning("Now I know."), Text("It is 42."));

        var events = await harness.CreateThreadAsync("What is it?");

        Assert.Equal(
            [
                "thread.item.added:workflow",
                "updated:workflow.task.added",
                "progress_update",
                "updated:workflow.task.added",
                "thread.item.done:workflow",
                "thread.item.added:assistant_message",
            ],
            Harness.Shape(events).Skip(3).Take(6));
        Assert.Equal(1, (int)events[6]["update"]!["task_index"]!);
        var workflow = Assert.Single(events, e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "workflow")["item"]!["workflow"]!;
        Assert.Equal(["I need data.", "Now I know."], workflow["tasks"]!.AsArray().Select(t => (string)t!["content"]!));
    }

    [Fact]
    public async Task A_refusal_is_shown_as_the_answer()
    {
        var harness = new Harness();
        harness.Client.Then(new ChatResponseUpdate(ChatRole.Assistant, [new ErrorContent("I can't help with that.") { ErrorCode = "refusal" }]));

        var events = await harness.CreateThreadAsync("Something bad");

        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
        Assert.Equal("I can't help with that.", (string)events[^1]["item"]!["content"]![0]!["text"]!);
    }

    [Theory]
    [InlineData("length", "The answer was cut off because it reached the maximum length.")]
    [InlineData("content_filter", "The answer was stopped by the content filter.")]
    public async Task Truncated_or_filtered_answers_end_with_a_warning_notice(string reason, string notice)
    {
        var harness = new Harness();
        harness.Client.Then(Text("Partial"), new ChatResponseUpdate { FinishReason = new ChatFinishReason(reason) });

        var events = await harness.CreateThreadAsync("Long answer please");

        Assert.Equal(["thread.item.done:assistant_message", "notice"], Harness.Shape(events).TakeLast(2));
        JsonAssert.Equal($$"""{"type":"notice","level":"warning","message":"{{notice}}"}""", events[^1]);
    }

    [Fact]
    public async Task A_filtered_answer_without_text_gets_the_notice_instead_of_the_empty_reply_error()
    {
        var harness = new Harness();
        harness.Client.Then(new ChatResponseUpdate { FinishReason = ChatFinishReason.ContentFilter });

        var events = await harness.CreateThreadAsync("Something");

        Assert.Equal(["stream_options", "notice"], Harness.Shape(events).TakeLast(2));
    }

    [Fact]
    public async Task A_second_turn_sends_the_history_and_respects_the_history_limit()
    {
        var harness = new Harness(new ChatClientResponderOptions { MaxHistoryItems = 3 });
        harness.Client.Then(Text("One")).Then(Text("Two")).Then(Text("Three"));

        var threadId = Harness.ThreadIdOf(await harness.CreateThreadAsync("First"));
        await harness.AddUserMessageAsync(threadId, "Second");
        await harness.AddUserMessageAsync(threadId, "Third");

        Assert.Equal(["user: First", "assistant: One", "user: Second"], MessageText.Render(harness.Client.Calls[1]));
        Assert.Equal(["user: Second", "assistant: Two", "user: Third"], MessageText.Render(harness.Client.Calls[2]));
    }

    [Fact]
    public async Task Retrying_a_message_answers_it_again_without_the_discarded_reply()
    {
        var harness = new Harness();
        harness.Client.ThenFail(new TimeoutException("slow"), Text("Half an ans")).Then(Text("Full answer."));

        var first = await harness.CreateThreadAsync("Question");
        var threadId = Harness.ThreadIdOf(first);
        var userId = (string)first[1]["item"]!["id"]!;
        Assert.Equal("error", (string)first[^1]["type"]!);

        var retried = await harness.StreamAsync($$$"""{"type":"threads.retry_after_item","params":{"thread_id":"{{{threadId}}}","item_id":"{{{userId}}}"}}""");

        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(retried)[^1]);
        Assert.Equal(["user: Question"], MessageText.Render(harness.Client.Calls[1]));
        var items = await harness.ItemsAsync(threadId);
        Assert.Equal(["Question", "Full answer."], items.Select(i => i is UserMessageItem u ? u.Text : ((AssistantMessageItem)i).Content[0].Text));
    }

    [Fact]
    public async Task The_users_model_is_used_only_when_allowed_and_a_picked_tool_is_required_once()
    {
        var options = new ChatClientResponderOptions
        {
            AllowedModels = new HashSet<string> { "gpt-fast" },
            Tools = [AIFunctionFactory.Create((string q) => "found " + q, "search")],
            ChatOptions = new ChatOptions { ModelId = "default-model", Temperature = 0.5f },
        };
        var harness = new Harness(options);
        harness.Client.Then(Call("c1", "search", """{"q":"x"}""")).Then(Text("Found it.")).Then(Text("Hi"));

        var threadId = Harness.ThreadIdOf(await harness.CreateThreadAsync("Find x", model: "gpt-fast", toolChoice: "search"));
        await harness.StreamAsync($$$"""{"type":"threads.add_user_message","params":{"thread_id":"{{{threadId}}}","input":{{{Harness.UserInput("Hi", model: "gpt-expensive")}}}}}""");

        var first = harness.Client.Options[0]!;
        Assert.Equal("gpt-fast", first.ModelId);
        Assert.Equal(0.5f, first.Temperature);
        Assert.Equal("search", Assert.IsType<RequiredChatToolMode>(first.ToolMode).RequiredFunctionName);
        Assert.Null(harness.Client.Options[1]!.ToolMode);
        Assert.Equal("gpt-fast", harness.Client.Options[1]!.ModelId);
        Assert.Equal("default-model", harness.Client.Options[2]!.ModelId);
        Assert.Null(harness.Client.Options[2]!.ToolMode);
    }

    [Fact]
    public async Task An_unknown_tool_choice_is_ignored()
    {
        var harness = new Harness(new ChatClientResponderOptions { Tools = [AIFunctionFactory.Create(() => 1, "one")] });
        harness.Client.Then(Text("ok"));

        await harness.CreateThreadAsync("Hi", toolChoice: "web_search");

        Assert.Null(harness.Client.Options[0]!.ToolMode);
    }

    [Fact]
    public async Task Thread_titles_are_generated_after_the_first_turn_only()
    {
        var client = new ScriptedChatClient();
        var harness = new Harness(client: client, titles: new ThreadTitleGenerator(client));
        client.Then(Text("It is sunny.")).Then(Text("\"Weather in Paris.\"\nextra")).Then(Text("Still sunny."));

        var events = await harness.CreateThreadAsync("What's the weather in Paris?");

        Assert.Equal("thread.updated", (string)events[^1]["type"]!);
        Assert.Equal("Weather in Paris", (string)events[^1]["thread"]!["title"]!);
        var titleCall = client.Calls[1];
        Assert.Equal(ChatRole.System, titleCall[0].Role);
        Assert.Equal("What's the weather in Paris?", titleCall[1].Text);

        var second = await harness.AddUserMessageAsync(Harness.ThreadIdOf(events), "And now?");
        Assert.DoesNotContain(second, e => (string?)e["type"] == "thread.updated");
        Assert.Equal(3, client.Calls.Count);
    }

    [Fact]
    public async Task A_failing_title_request_does_not_fail_the_turn()
    {
        var client = new ScriptedChatClient();
        var harness = new Harness(client: client, titles: new ThreadTitleGenerator(client));
        client.Then(Text("Answer")).ThenFail(new InvalidOperationException("title model down"));

        var events = await harness.CreateThreadAsync("Question");

        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
        Assert.DoesNotContain(events, e => (string?)e["type"] is "error" or "thread.updated");
    }

    [Fact]
    public async Task End_of_turn_items_are_optional()
    {
        var harness = new Harness(new ChatClientResponderOptions { EmitEndOfTurn = true });
        harness.Client.Then(Text("Hi"));

        var events = await harness.CreateThreadAsync("Hello");

        Assert.Equal("thread.item.done:end_of_turn", Harness.Shape(events)[^1]);
        Assert.IsType<EndOfTurnItem>((await harness.ItemsAsync(Harness.ThreadIdOf(events)))[^1]);
    }

    [Fact]
    public async Task The_extension_method_streams_the_same_events_from_a_custom_server()
    {
        var client = new ScriptedChatClient().Then(Text("Hi"));
        var store = new ChatKit.Stores.InMemoryStore<TestContext>();
        var server = new CustomServer(store, client);
        var result = await server.ProcessAsync(
            System.Text.Encoding.UTF8.GetBytes($$$"""{"type":"threads.create","params":{"input":{{{Harness.UserInput("Hello")}}}}}"""),
            new TestContext("u"));

        var shapes = new List<string>();
        await foreach (var e in Assert.IsType<ChatKit.Server.StreamingResult>(result).Events)
        {
            shapes.AddRange(Harness.Shape([Harness.Serialize(e)]));
        }

        Assert.Equal("thread.item.done:assistant_message", shapes[^1]);
        Assert.Equal("system: custom", MessageText.Render(client.Calls[0])[0]);
    }

    private sealed class CustomServer(ChatKit.Stores.IStore<TestContext> store, IChatClient client) : ChatKit.Server.ChatKitServer<TestContext>(store)
    {
        protected override IAsyncEnumerable<ThreadStreamEvent> RespondAsync(ThreadMetadata thread, UserMessageItem? input, TestContext context, CancellationToken cancellationToken) =>
            client.StreamChatKitResponseAsync(this, thread, input, context, new ChatClientResponderOptions { Instructions = "custom" }, cancellationToken);
    }
}
