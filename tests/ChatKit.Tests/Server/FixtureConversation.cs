using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatKit.Stores;
using ChatKit.Testing;
using ChatKit.Tests.Support;
using ChatKit.Widgets;

namespace ChatKit.Tests.Server;

/// <summary>
/// The respond()/action()/sync_action()/transcribe() the fixture conversation in <c>fixtures/exchanges</c> was
/// recorded with (fixtures/README.md), wired into a <see cref="TestServer"/>.
/// </summary>
public sealed class FixtureConversation
{
    private bool _failedOnce;

    public FixtureConversation()
    {
        Clock = new FixtureClock();
        Store = new GuardedStore(new InMemoryStore<TestContext>());
        Attachments = new FixtureAttachmentStore();
        Logger = new CapturingLogger();
        Server = new TestServer(Store, Attachments, logger: Logger, timeProvider: Clock)
        {
            Respond = Respond,
            Action = Action,
            SyncAction = SyncAction,
            Transcribe = audio =>
            {
                Assert.Equal("audio/webm;codecs=opus", audio.MimeType);
                Assert.Equal("audio/webm", audio.MediaType);
                Assert.Equal("fake-audio-bytes", System.Text.Encoding.UTF8.GetString(audio.Data.Span));
                return new TranscriptionResult { Text = "turn on the lights" };
            },
        };
    }

    public FixtureClock Clock { get; }

    public GuardedStore Store { get; }

    public FixtureAttachmentStore Attachments { get; }

    public CapturingLogger Logger { get; }

    public TestServer Server { get; }

    public static TestContext Context => TestContext.Alice;

    private IAsyncEnumerable<ThreadStreamEvent> Respond(TestServer s, ThreadMetadata thread, UserMessageItem? input, TestContext c, CancellationToken ct)
    {
        var text = input?.Content.OfType<UserMessageTextContent>().FirstOrDefault()?.Text;
        switch (text)
        {
            case "Say hello again":
                return Streamed(s, thread, c);
            case "Name this chat":
                thread.Title = "Greeting";
                return s.Hello(thread, c);
            case "Remember something secretly":
                return Scripts.Of(
                [
                    () => new ThreadItemDoneEvent
                    {
                        Item = new HiddenContextItem { Id = s.NewId(StoreItemKind.Message, thread, c), ThreadId = thread.Id, CreatedAt = s.Time, Content = new JsonObject { ["note"] = "never sent to client" } },
                    },
                    () => new ThreadItemDoneEvent { Item = s.Message(thread, c, "Hello, world!") },
                ]);
            case "Please fail" when !_failedOnce:
                _failedOnce = true;
                return Scripts.Of([], new InvalidOperationException("respond() failed on purpose"));
            case "Check my quota":
                return QuotaCheck(thread);
            case "What did I select?":
                return Scripts.Of(
                [
                    () => new ThreadItemDoneEvent
                    {
                        Item = new ClientToolCallItem
                        {
                            Id = s.NewId(StoreItemKind.ToolCall, thread, c), ThreadId = thread.Id, CreatedAt = s.Time,
                            CallId = "call_abc123", Name = "get_selection", Arguments = new JsonObject { ["scope"] = "canvas" },
                        },
                    },
                ]);
            case "Show the notification card":
                return Scripts.Of(
                [
                    () => new ThreadItemDoneEvent
                    {
                        Item = MakeWidgetItem(s.NewId(StoreItemKind.Message, thread, c), thread.Id, s.Time, RecordedNotificationCard(), "Enable notification?"),
                    },
                ]);
            case "Draft a letter":
                return WidgetStreaming(s, thread, c);
            case "Plan a lesson":
                return Scripts.Of(
                [
                    () => new ThreadItemDoneEvent
                    {
                        Item = new StructuredInputItem
                        {
                            Id = s.NewId(StoreItemKind.Message, thread, c), ThreadId = thread.Id, CreatedAt = s.Time,
                            Inputs =
                            [
                                new MultipleChoiceInput { Id = "subject", Question = "Which subject?", Options = [new() { Value = "Math" }, new() { Value = "Science" }] },
                                new FreeformInput { Id = "details", Question = "Anything else?", Description = "Optional" },
                            ],
                        },
                    },
                ]);
            case "Start then cancel":
            {
                var messageId = s.NewId(StoreItemKind.Message, thread, c);
                return Scripts.ThenHang(
                [
                    () => new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = messageId, ThreadId = thread.Id, CreatedAt = s.Time } },
                    () => new ThreadItemUpdatedEvent { ItemId = messageId, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "Partial ans" } },
                    () => new ThreadItemAddedEvent
                    {
                        Item = new WorkflowItem
                        {
                            Id = s.NewId(StoreItemKind.Workflow, thread, c), ThreadId = thread.Id, CreatedAt = s.Time,
                            Workflow = new Workflow { Type = WorkflowType.Custom, Tasks = [new CustomTask { StatusIndicator = TaskStatusIndicator.Loading, Title = "Searching" }] },
                        },
                    },
                ], ct);
            }

            default:
                return s.Hello(thread, c);
        }
    }

    private static async IAsyncEnumerable<ThreadStreamEvent> Streamed(TestServer s, ThreadMetadata thread, TestContext c)
    {
        yield return new ProgressUpdateEvent { Icon = new IconName("sparkle"), Text = "Thinking..." };
        var id = s.NewId(StoreItemKind.Message, thread, c);
        var createdAt = s.Time;
        await Task.Yield();
        yield return new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = id, ThreadId = thread.Id, CreatedAt = createdAt } };
        yield return new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartAdded { ContentIndex = 0, Content = new AssistantMessageContent() } };
        yield return new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "Hello, " } };
        yield return new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "world!" } };
        Annotation Cite() => new() { Source = new UrlSource { Title = "Hello page", Url = "https://example.com/hello" }, Index = 13 };
        yield return new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartAnnotationAdded { ContentIndex = 0, AnnotationIndex = 0, Annotation = Cite() } };
        yield return new ThreadItemUpdatedEvent
        {
            ItemId = id,
            Update = new AssistantMessageContentPartDone { ContentIndex = 0, Content = new AssistantMessageContent { Text = "Hello, world!", Annotations = [Cite()] } },
        };
        yield return new ThreadItemDoneEvent
        {
            Item = new AssistantMessageItem { Id = id, ThreadId = thread.Id, CreatedAt = createdAt, Content = [new AssistantMessageContent { Text = "Hello, world!", Annotations = [Cite()] }] },
        };
    }

    private static async IAsyncEnumerable<ThreadStreamEvent> QuotaCheck(ThreadMetadata thread)
    {
        await Task.Yield();
        yield return new ProgressUpdateEvent { Icon = new IconName("atom"), Text = "Checking quota" };
        thread.Title = "Quota check";
        throw new CustomStreamErrorException("You have reached your daily limit.");
    }

    // Widget streaming built by hand (the diff helper lives elsewhere): added, two value deltas, root update, done.
    private static async IAsyncEnumerable<ThreadStreamEvent> WidgetStreaming(TestServer s, ThreadMetadata thread, TestContext c)
    {
        var id = s.NewId(StoreItemKind.Message, thread, c);
        var createdAt = s.Time;
        JsonNode Draft(string value, bool streaming) => new JsonObject
        {
            ["type"] = "Card",
            ["children"] = new JsonArray(
                new JsonObject { ["type"] = "Title", ["value"] = "Draft" },
                new JsonObject { ["id"] = "body", ["type"] = "Markdown", ["value"] = value, ["streaming"] = streaming }),
        };

        await Task.Yield();
        yield return new ThreadItemAddedEvent { Item = MakeWidgetItem(id, thread.Id, createdAt, Draft(string.Empty, true)) };
        yield return new ThreadItemUpdatedEvent { ItemId = id, Update = Update("""{"type":"widget.streaming_text.value_delta","component_id":"body","delta":"Dear Harry,","done":false}""") };
        yield return new ThreadItemUpdatedEvent { ItemId = id, Update = Update("""{"type":"widget.streaming_text.value_delta","component_id":"body","delta":" you are a wizard.","done":false}""") };
        yield return new ThreadItemUpdatedEvent
        {
            ItemId = id,
            Update = Update(new JsonObject { ["type"] = "widget.root.updated", ["widget"] = Draft("Dear Harry, you are a wizard.", false) }.ToJsonString()),
        };
        yield return new ThreadItemDoneEvent { Item = MakeWidgetItem(id, thread.Id, createdAt, Draft("Dear Harry, you are a wizard.", false)) };
    }

    private async IAsyncEnumerable<ThreadStreamEvent> Action(TestServer s, ThreadMetadata thread, CustomAction action, WidgetItem? sender, TestContext c, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        yield return new ThreadItemDoneEvent { Item = s.Message(thread, c, "Handled " + action.Type) };
    }

    private ValueTask<WidgetItem?> SyncAction(TestServer s, ThreadMetadata thread, CustomAction action, WidgetItem? sender, TestContext c)
    {
        if (action.Type != "profile.save" || sender is null)
        {
            return ValueTask.FromResult<WidgetItem?>(null);
        }

        // The widget the reference's handler answered with in step 18, titled with the payload's name.
        var widget = RecordedSyncWidget();
        widget["children"]![0]!["children"]![0]!["value"] = (string?)action.Payload?["name"];
        return ValueTask.FromResult<WidgetItem?>(MakeWidgetItem(sender.Id, sender.ThreadId, sender.CreatedAt, widget, sender.CopyText));
    }

    /// <summary>The static card streamed in step 13, as recorded on the wire.</summary>
    private static JsonNode RecordedNotificationCard() =>
        ProtocolFixtures.Load("exchanges/13-threads.add_user_message.widget.json")["events"]!.AsArray()
            .Select(e => e!["item"])
            .Single(item => (string?)item?["type"] == "widget")!["widget"]!;

    /// <summary>The widget of step 18's <c>updated_item</c>, as recorded on the wire.</summary>
    private static JsonNode RecordedSyncWidget() =>
        ProtocolFixtures.Load("exchanges/18-threads.sync_custom_action.json")["response"]!["updated_item"]!["widget"]!;

    /// <summary>A widget item built from JSON, so the widget tree stays opaque to these tests.</summary>
    public static WidgetItem MakeWidgetItem(string id, string threadId, DateTimeOffset createdAt, JsonNode widget, string? copyText = null)
    {
        var json = new JsonObject
        {
            ["id"] = id,
            ["thread_id"] = threadId,
            ["created_at"] = ChatKit.Json.ChatKitDateTimeConverter.Format(createdAt),
            ["type"] = "widget",
            ["widget"] = widget.DeepClone(),
        };
        if (copyText is not null)
        {
            json["copy_text"] = copyText;
        }

        return Run.Item<WidgetItem>(json.ToJsonString());
    }

    public static ThreadItemUpdate Update(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, ChatKit.Json.ChatKitJson.Wire.ThreadItemUpdate)!;
}
