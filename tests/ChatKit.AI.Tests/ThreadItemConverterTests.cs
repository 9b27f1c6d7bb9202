using System.Text;
using System.Text.Json.Nodes;
using ChatKit.AI.Tests.Support;
using ChatKit.Widgets;
using Microsoft.Extensions.AI;

namespace ChatKit.AI.Tests;

public sealed class ThreadItemConverterTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static UserMessageItem User(string id, IReadOnlyList<UserMessageContent> content, string? quoted = null, IReadOnlyList<Attachment>? attachments = null) =>
        new() { Id = id, ThreadId = "thr_1", CreatedAt = At, Content = content, QuotedText = quoted, Attachments = attachments ?? [] };

    private static UserMessageItem User(string id, string text, string? quoted = null) =>
        User(id, [new UserMessageTextContent { Text = text }], quoted);

    private static async Task<List<string>> Convert(params ThreadItem[] items) =>
        MessageText.Render(await new ThreadItemConverter().ToChatMessagesAsync(items));

    [Fact]
    public async Task User_text_tags_and_quoted_text()
    {
        var tag = new UserMessageTagContent { Id = "cust_1", Text = "Acme", Group = "Customers", Data = new JsonObject { ["tier"] = "gold" } };
        var message = User("msg_1", [new UserMessageTextContent { Text = "Email " }, tag, new UserMessageTextContent { Text = " and " }, tag], quoted: "the renewal date");

        var messages = await new ThreadItemConverter().ToChatMessagesAsync([message]);

        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Equal(ChatRole.User, m.Role));
        Assert.Equal("Email @Acme and @Acme", messages[0].Text);
        Assert.Equal("msg_1", messages[0].MessageId);
        Assert.Contains("the renewal date", messages[1].Text);
        var mentions = messages[2].Contents.OfType<TextContent>().Select(t => t.Text).ToList();
        Assert.Equal(2, mentions.Count);
        Assert.Equal("""<Mention name="Acme" id="cust_1" group="Customers">{"tier":"gold"}</Mention>""", mentions[1]);
    }

    [Fact]
    public async Task Quoted_text_is_only_sent_for_the_latest_user_message()
    {
        var rendered = await Convert(User("msg_1", "first", quoted: "old quote"), User("msg_2", "second", quoted: "new quote"));

        Assert.Equal(3, rendered.Count);
        Assert.DoesNotContain(rendered, r => r.Contains("old quote", StringComparison.Ordinal));
        Assert.Contains("new quote", rendered[2]);
    }

    [Fact]
    public async Task Attachments_become_uri_data_or_text_content_and_a_loader_supplies_bytes()
    {
        var attachments = new Attachment[]
        {
            new ImageAttachment { Id = "atc_1", Name = "cat.png", MimeType = "image/png", PreviewUrl = "https://cdn.example/cat.png" },
            new ImageAttachment { Id = "atc_2", Name = "dot.png", MimeType = "image/png", PreviewUrl = "data:image/png;base64,AQID" },
            new FileAttachment { Id = "atc_3", Name = "report.pdf", MimeType = "application/pdf" },
            new FileAttachment { Id = "atc_4", Name = "notes.txt", MimeType = "text/plain" },
        };
        var message = User("msg_1", [new UserMessageTextContent { Text = "Look" }], attachments: attachments);

        var plain = (await new ThreadItemConverter().ToChatMessagesAsync([message]))[0].Contents;
        Assert.Equal("Look", Assert.IsType<TextContent>(plain[0]).Text);
        Assert.Equal("https://cdn.example/cat.png", Assert.IsType<UriContent>(plain[1]).Uri.ToString());
        Assert.Equal([1, 2, 3], Assert.IsType<DataContent>(plain[2]).Data.ToArray());
        Assert.Contains("report.pdf", Assert.IsType<TextContent>(plain[3]).Text);
        Assert.Contains("not available", ((TextContent)plain[3]).Text);

        var loader = new ThreadItemConverter((attachment, _) => ValueTask.FromResult<ReadOnlyMemory<byte>?>(
            attachment.Id switch
            {
                "atc_3" => new byte[] { 37, 80, 68, 70 },
                "atc_4" => Encoding.UTF8.GetBytes("buy milk"),
                _ => null,
            }));
        var loaded = (await loader.ToChatMessagesAsync([message]))[0].Contents;
        var pdf = Assert.IsType<DataContent>(loaded[3]);
        Assert.Equal("application/pdf", pdf.MediaType);
        Assert.Equal("report.pdf", pdf.Name);
        Assert.Contains("buy milk", Assert.IsType<TextContent>(loaded[4]).Text);
    }

    [Fact]
    public async Task Assistant_messages_join_their_parts()
    {
        var rendered = await Convert(new AssistantMessageItem
        {
            Id = "msg_2",
            ThreadId = "thr_1",
            CreatedAt = At,
            Content = [new AssistantMessageContent { Text = "Hello " }, new AssistantMessageContent { Text = "there" }],
        });

        Assert.Equal(["assistant: Hello there"], rendered);
    }

    [Fact]
    public async Task Completed_client_tool_calls_become_a_call_and_its_result_and_pending_ones_are_skipped()
    {
        var completed = new ClientToolCallItem
        {
            Id = "tc_1", ThreadId = "thr_1", CreatedAt = At, CallId = "call_1", Name = "get_selection",
            Arguments = new JsonObject { ["kind"] = "text" }, Status = ClientToolCallStatus.Completed, Output = new JsonObject { ["text"] = "hi" },
        };
        var pending = new ClientToolCallItem { Id = "tc_2", ThreadId = "thr_1", CreatedAt = At, CallId = "call_2", Name = "get_selection" };

        var rendered = await Convert(completed, pending);

        Assert.Equal(
            ["""assistant: call call_1 get_selection({"kind":"text"})""", """tool: result call_1 {"text":"hi"}"""],
            rendered);
    }

    [Fact]
    public async Task Widgets_are_sent_as_their_json_by_default()
    {
        var root = new WidgetRoot(new JsonObject { ["type"] = "Card", ["children"] = new JsonArray(new JsonObject { ["type"] = "Text", ["value"] = "42" }) });
        var rendered = await Convert(
            new WidgetItem { Id = "msg_w1", ThreadId = "thr_1", CreatedAt = At, Widget = root, CopyText = "The answer is 42" },
            new WidgetItem { Id = "msg_w2", ThreadId = "thr_1", CreatedAt = At, Widget = root });

        Assert.StartsWith("user: ", rendered[0]);
        Assert.Contains("msg_w1", rendered[0]);
        Assert.All(rendered, r => Assert.Contains("""{"type":"Card","children":[{"type":"Text","value":"42"}]}""", r));
        Assert.DoesNotContain("The answer is 42", rendered[0]);
    }

    [Fact]
    public async Task Workflows_keep_custom_tasks_and_skip_reasoning()
    {
        var workflow = new WorkflowItem
        {
            Id = "wf_1",
            ThreadId = "thr_1",
            CreatedAt = At,
            Workflow = new Workflow
            {
                Type = WorkflowType.Custom,
                Tasks =
                [
                    new CustomTask { Title = "Searched the docs", Content = "3 hits" },
                    new ThoughtTask { Content = "private thoughts" },
                    new CustomTask(),
                    new CustomTask { Content = "Only content" },
                ],
            },
        };
        var reasoning = new WorkflowItem
        {
            Id = "wf_2", ThreadId = "thr_1", CreatedAt = At,
            Workflow = new Workflow { Type = WorkflowType.Reasoning, Tasks = [new ThoughtTask { Content = "hmm" }] },
        };
        var task = new TaskItem { Id = "tsk_1", ThreadId = "thr_1", CreatedAt = At, Task = new CustomTask { Title = "Sent the email" } };
        var thoughtTask = new TaskItem { Id = "tsk_2", ThreadId = "thr_1", CreatedAt = At, Task = new ThoughtTask { Content = "hmm" } };

        var rendered = await Convert(workflow, reasoning, task, thoughtTask);

        Assert.Equal(3, rendered.Count);
        Assert.Contains("Searched the docs: 3 hits", rendered[0]);
        Assert.Contains("Only content", rendered[1]);
        Assert.Contains("Sent the email", rendered[2]);
        Assert.DoesNotContain(rendered, r => r.Contains("thoughts", StringComparison.Ordinal) || r.Contains("hmm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hidden_context_is_wrapped_user_text_and_end_of_turn_is_skipped()
    {
        var rendered = await Convert(
            new HiddenContextItem { Id = "msg_h1", ThreadId = "thr_1", CreatedAt = At, Content = JsonValue.Create("The user is on the pricing page.") },
            new HiddenContextItem { Id = "msg_h2", ThreadId = "thr_1", CreatedAt = At, Content = new JsonObject { ["page"] = "pricing" } },
            new SdkHiddenContextItem { Id = "shcx_1", ThreadId = "thr_1", CreatedAt = At, Content = "The user cancelled the stream." },
            new EndOfTurnItem { Id = "msg_e", ThreadId = "thr_1", CreatedAt = At });

        Assert.Equal(3, rendered.Count);
        Assert.All(rendered, r => Assert.StartsWith("user: Context for the assistant, not shown to the user:", r));
        Assert.Contains("The user is on the pricing page.", rendered[0]);
        Assert.Contains("""{"page":"pricing"}""", rendered[1]);
        Assert.Contains("The user cancelled the stream.", rendered[2]);
    }

    [Fact]
    public async Task Generated_images_go_back_as_images_and_structured_inputs_are_described()
    {
        var rendered = await Convert(
            new GeneratedImageItem { Id = "msg_i", ThreadId = "thr_1", CreatedAt = At, Image = new GeneratedImage { Id = "img", Url = "https://img.example/1.png" } },
            new GeneratedImageItem { Id = "msg_i2", ThreadId = "thr_1", CreatedAt = At },
            new StructuredInputItem
            {
                Id = "msg_s", ThreadId = "thr_1", CreatedAt = At, Status = StructuredInputStatus.Answered,
                Inputs =
                [
                    new MultipleChoiceInput { Id = "q1", Question = "Size?", Options = [new StructuredInputOption { Value = "L" }], Answer = new StructuredInputAnswer { Values = ["L"] } },
                    new FreeformInput { Id = "q2", Question = "Notes?", Answer = new StructuredInputAnswer { Skipped = true } },
                ],
            });

        Assert.Equal(2, rendered.Count);
        Assert.Equal("user: This image was generated by the assistant and shown to the user: | uri https://img.example/1.png", rendered[0]);
        Assert.Contains("Size?: L", rendered[1]);
        Assert.Contains("Notes?: (skipped)", rendered[1]);
    }

    [Fact]
    public async Task Hooks_can_be_overridden()
    {
        var messages = await new CustomConverter().ToChatMessagesAsync(
        [
            User("msg_1", [new UserMessageTagContent { Id = "p1", Text = "Pat" }]),
            new WidgetItem { Id = "msg_w", ThreadId = "thr_1", CreatedAt = At, Widget = new WidgetRoot(new JsonObject { ["type"] = "Card" }) },
        ]);

        var rendered = MessageText.Render(messages);
        Assert.Equal("user: @Pat", rendered[0]);
        Assert.Contains("Person Pat (id p1)", rendered[1]);
        Assert.Equal(2, rendered.Count);
    }

    [Fact]
    public async Task A_generated_image_item_becomes_model_input_with_the_image_itself()
    {
        var item = new GeneratedImageItem
        {
            Id = "msg_i", ThreadId = "thr_1", CreatedAt = At, Image = new GeneratedImage { Id = "img_1", Url = "data:image/png;base64,AQID" },
        };

        var messages = await new ThreadItemConverter().ConvertItemAsync(item);

        var message = Assert.Single(messages);
        Assert.Equal(ChatRole.User, message.Role);
        Assert.Contains("generated by the assistant", Assert.IsType<TextContent>(message.Contents[0]).Text);
        var image = Assert.IsType<DataContent>(message.Contents[1]);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(new byte[] { 1, 2, 3 }, image.Data.ToArray());
    }

    [Fact]
    public async Task One_item_converts_alone_the_same_as_in_a_history()
    {
        var converter = new ThreadItemConverter();
        var user = User("msg_1", "Look at this", quoted: "the quote");

        var alone = MessageText.Render(await converter.ConvertItemAsync(user));
        var notLatest = MessageText.Render(await converter.ConvertItemAsync(user, isLatestUserMessage: false));

        Assert.Equal(MessageText.Render(await converter.ToChatMessagesAsync([user])), alone);
        Assert.Equal(2, alone.Count);
        Assert.Equal(["user: Look at this"], notLatest);
    }

    private sealed class CustomConverter : ThreadItemConverter
    {
        protected override async ValueTask<AIContent?> ConvertTagAsync(UserMessageTagContent tag, CancellationToken cancellationToken)
        {
            // A lookup that really is asynchronous, as a directory or database call would be.
            await Task.Yield();
            return new TextContent($"Person {tag.Text} (id {tag.Id})");
        }

        protected override IEnumerable<ChatMessage> ConvertWidget(WidgetItem item) => [];
    }
}
