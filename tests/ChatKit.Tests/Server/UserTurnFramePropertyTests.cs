using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using FsCheck;
using FsCheck.Fluent;

namespace ChatKit.Tests.Server;

/// <summary>
/// <see cref="SseFrameWriter"/> writes <c>thread.created</c> and a user message's <c>thread.item.done</c> by hand for
/// their usual shapes; for every generated thread and message its frame must be the serializer's bytes, whether the
/// hand-written path or the serializer fallback wrote it.
/// </summary>
public sealed class UserTurnFramePropertyTests
{
    private const int Cases = 2000;

    private static readonly Gen<string> Text = EscapingText.Strings(24, "Hello", "thr_abc", "https://example.com/a?b=c&d=e", "日本語 🎉");

    private static readonly Gen<string?> OptionalText = Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Text.Select(t => (string?)t)));

    private static readonly Gen<DateTimeOffset> Time =
        from ticks in Gen.Choose(0, int.MaxValue)
        from scale in Gen.Elements(1L, 10_000L, 10_000_000L, 1_000_000_000L)
        from offsetMinutes in Gen.Elements(0, 0, 60, -300, 330, 840, -720)
        select new DateTimeOffset(new DateTime(630_000_000_000_000_000L + (ticks * scale % 3_000_000_000_000_000L)), TimeSpan.FromMinutes(offsetMinutes));

    private static readonly Gen<ThreadStatus> Status =
        Gen.OneOf(
            Gen.Constant(ThreadStatus.Active),
            OptionalText.Select(ThreadStatus.Locked),
            OptionalText.Select(ThreadStatus.Closed));

    private static readonly Gen<JsonObject> FreeForm =
        Gen.Frequency(
            (3, Gen.Constant(0).Select(_ => new JsonObject())),
            (1, from key in Text from value in Text from n in Gen.Choose(-5, 5)
                select new JsonObject { [key + "k"] = value, ["n"] = n, ["nothing"] = null, ["nested"] = new JsonObject { ["list"] = new JsonArray(1, "two") } }));

    private static readonly Gen<ThreadItem> PageItem =
        from id in Text from threadId in Text from at in Time from text in Text
        select (ThreadItem)new AssistantMessageItem { Id = id, ThreadId = threadId, CreatedAt = at, Content = [new AssistantMessageContent { Text = text }] };

    private static readonly Gen<ChatThread> Thread =
        from title in OptionalText
        from id in Text
        from at in Time
        from status in Status
        from domains in Gen.Frequency((2, Gen.Constant<List<string>?>(null)), (1, Gen.ListOf(Text).Select(l => (List<string>?)l.ToList())))
        from hasMore in Gen.Elements(false, true)
        from pageKind in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        from pageItems in Gen.ListOf(PageItem)
        from after in Text
        from run in Gen.Frequency((6, Gen.Constant<string?>(null)), (1, Text.Select(t => (string?)t)))
        select new ChatThread
        {
            Title = title,
            Id = id,
            CreatedAt = at,
            Status = status,
            AllowedImageDomains = domains,
            Items = pageKind switch
            {
                0 => new Page<ThreadItem> { Data = [], HasMore = hasMore },
                1 => new Page<ThreadItem> { Data = [.. pageItems], HasMore = hasMore },
                _ => new Page<ThreadItem> { Data = [], HasMore = true, After = after },
            },
            ActiveRun = run is null ? null : new ActiveRun { Id = run },
        };

    private static readonly Gen<UserMessageContent> Part =
        Gen.Frequency(
            (4, Text.Select(t => (UserMessageContent)new UserMessageTextContent { Text = t })),
            (2, from id in Text from text in Text from data in FreeForm from tagGroup in OptionalText from interactive in Gen.Elements(false, true)
                select (UserMessageContent)new UserMessageTagContent { Id = id, Text = text, Data = data, Group = tagGroup, Interactive = interactive }));

    private static readonly Gen<UploadDescriptor?> Upload =
        Gen.Frequency(
            (3, Gen.Constant<UploadDescriptor?>(null)),
            (1, from url in Text from method in Gen.Elements("POST", "PUT") from headers in Gen.Elements(0, 0, 1, 2) from value in Text
                select (UploadDescriptor?)new UploadDescriptor
                {
                    Url = url,
                    Method = method,
                    Headers = Enumerable.Range(0, headers).ToDictionary(i => $"x-h{i}", _ => value),
                }));

    private static readonly Gen<Attachment> AttachmentGen =
        from image in Gen.Elements(false, true)
        from id in Text from name in Text from mime in Gen.Elements("image/png", "text/plain", "application/pdf")
        from upload in Upload
        from threadId in OptionalText
        from metadata in Gen.Frequency((2, Gen.Constant<JsonObject?>(null)), (1, FreeForm.Select(m => (JsonObject?)m)))
        from preview in Text
        select image
            ? (Attachment)new ImageAttachment { Id = id, Name = name, MimeType = mime, UploadDescriptor = upload, ThreadId = threadId, Metadata = metadata, PreviewUrl = preview }
            : new FileAttachment { Id = id, Name = name, MimeType = mime, UploadDescriptor = upload, ThreadId = threadId, Metadata = metadata };

    private static readonly Gen<UserMessageItem> Message =
        from id in Text
        from threadId in Text
        from at in Time
        from content in Gen.ListOf(Part)
        from attachments in Gen.Frequency((3, Gen.Constant(Array.Empty<Attachment>())), (2, Gen.ArrayOf(AttachmentGen)))
        from quoted in OptionalText
        from tool in OptionalText
        from model in OptionalText
        select new UserMessageItem
        {
            Id = id,
            ThreadId = threadId,
            CreatedAt = at,
            Content = [.. content],
            Attachments = attachments,
            QuotedText = quoted,
            InferenceOptions = new InferenceOptions { ToolChoice = tool is null ? null : new ToolChoice { Id = tool }, Model = model },
        };

    [Fact]
    public void Thread_created_frames_are_the_serializers_bytes()
    {
        var property = Prop.ForAll(Thread.ToArbitrary(), (ChatThread thread) => SameAsSerializer(new ThreadCreatedEvent { Thread = thread }));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Fact]
    public void User_message_done_frames_are_the_serializers_bytes()
    {
        var property = Prop.ForAll(Message.ToArbitrary(), (UserMessageItem message) => SameAsSerializer(new ThreadItemDoneEvent { Item = message }));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    private static readonly Gen<AssistantMessageItem> Answer =
        from id in Text
        from threadId in Text
        from at in Time
        from texts in Gen.ListOf(Text)
        from cited in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new AssistantMessageItem
        {
            Id = id,
            ThreadId = threadId,
            CreatedAt = at,
            Content =
            [
                .. texts.Select(t => new AssistantMessageContent
                {
                    Text = t,
                    Annotations = cited ? [new Annotation { Source = new UrlSource { Title = t, Url = "https://example.com" }, Index = 1 }] : [],
                }),
            ],
        };

    [Fact]
    public void Stored_item_json_is_the_serializers_bytes()
    {
        // Stores keep the JSON of every saved item; the user's and the assistant's messages are written by hand.
        var items = Gen.OneOf(Message.Select(m => (ThreadItem)m), Answer.Select(a => (ThreadItem)a));
        var property = Prop.ForAll(items.ToArbitrary(), (ThreadItem item) =>
        {
            var expected = JsonSerializer.SerializeToUtf8Bytes(item, ChatKitJson.Storage.ThreadItem);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), ChatKitJson.SerializeItemForStorage(item));
            Assert.Equal(expected, ChatKitJson.SerializeItemForStorageUtf8(item));
            Assert.Equal(expected.Length, ChatKitJson.StoredItemLength(item));
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Fact]
    public void The_usual_shapes_take_the_hand_written_path()
    {
        // The serializer allocates its write stack on every call; the hand-written path allocates nothing, so this
        // fails if the usual thread.created or user message frame falls back to the serializer.
        var at = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        ThreadStreamEvent[] events =
        [
            new ThreadCreatedEvent { Thread = new ThreadMetadata { Id = "thr_1", CreatedAt = at }.ToResponse() },
            new ThreadItemDoneEvent
            {
                Item = new UserMessageItem
                {
                    Id = "msg_1",
                    ThreadId = "thr_1",
                    CreatedAt = at,
                    Content = [new UserMessageTextContent { Text = "Hi" }, new UserMessageTagContent { Id = "e", Text = "Ann" }],
                    Attachments = [new ImageAttachment { Id = "a", Name = "n", MimeType = "image/png", PreviewUrl = "p", Metadata = new JsonObject { ["k"] = 1 } }],
                    InferenceOptions = new InferenceOptions { Model = "m" },
                },
            },
        ];
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = SseFrameWriter.CreateJsonWriter(buffer);
        foreach (var e in events)
        {
            for (var i = 0; i < 3; i++)
            {
                buffer.ResetWrittenCount();
                var before = GC.GetAllocatedBytesForCurrentThread();
                SseFrameWriter.Write(buffer, writer, e);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (i == 2)
                {
                    Assert.Equal(0, allocated);
                }
            }

            Assert.True(SameAsSerializer(e));
        }
    }

    private static bool SameAsSerializer(ThreadStreamEvent e)
    {
        var expected = new ArrayBufferWriter<byte>();
        expected.Write("data: "u8);
        using (var writer = SseFrameWriter.CreateJsonWriter(expected))
        {
            JsonSerializer.Serialize(writer, e, ChatKitJson.Wire.ThreadStreamEvent);
        }

        expected.Write("\n\n"u8);
        var actual = SseFrameWriter.ToFrame(e);
        if (!expected.WrittenSpan.SequenceEqual(actual))
        {
            throw new Xunit.Sdk.XunitException(
                $"Frames differ.\nserializer: {System.Text.Encoding.UTF8.GetString(expected.WrittenSpan)}\nwriter:     {System.Text.Encoding.UTF8.GetString(actual)}");
        }

        return true;
    }
}
