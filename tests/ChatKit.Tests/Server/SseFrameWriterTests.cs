using System.Buffers;
using System.Text;
using System.Text.Json;
using ChatKit.Json;
using ChatKit.Server;

namespace ChatKit.Tests.Server;

public sealed class SseFrameWriterTests
{
    public static TheoryData<string> Deltas => new()
    {
        "",
        "Hello, ",
        "wörld — 日本語 🎉",
        "line\nbreak\r\ttab \"quoted\" back\\slash",
        "\u2028\u2029 <script>&'",
        "\u0001\u001f",
        "\ud800", // lone surrogate
    };

    [Theory]
    [MemberData(nameof(Deltas))]
    public void Text_delta_frames_are_the_serializers_bytes(string text)
    {
        var e = new ThreadItemUpdatedEvent { ItemId = "msg_\"x\"", Update = new AssistantMessageContentPartTextDelta { ContentIndex = 3, Delta = text } };
        var frame = SseFrameWriter.ToFrame(e);

        var expected = new ArrayBufferWriter<byte>();
        using (var writer = SseFrameWriter.CreateJsonWriter(expected))
        {
            JsonSerializer.Serialize<ThreadStreamEvent>(writer, e, ChatKitJson.Wire.ThreadStreamEvent);
        }

        Assert.Equal("data: " + Encoding.UTF8.GetString(expected.WrittenSpan) + "\n\n", Encoding.UTF8.GetString(frame));
        Assert.Equal(2, frame.Count(b => b == (byte)'\n'));
    }

    public static IEnumerable<object[]> PlainAnswerEvents()
    {
        var t0 = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        foreach (var text in new[] { "", "Hello, ", "wörld — 日本語 🎉", "line\nbreak\r\ttab \"quoted\" back\\slash", "\u2028\u2029 <script>&'", "\u0001\u001f", "\ud800" })
        {
            var part = new AssistantMessageContent { Text = text };
            var message = new AssistantMessageItem { Id = "msg_\"1\"", ThreadId = "thr_ü", CreatedAt = t0.AddTicks(1234567), Content = [part, new AssistantMessageContent()] };
            yield return [new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = "msg_1", ThreadId = "thr_1", CreatedAt = t0 } }];
            yield return [new ThreadItemAddedEvent { Item = message }];
            yield return [new ThreadItemDoneEvent { Item = message }];
            yield return [new ThreadItemUpdatedEvent { ItemId = text, Update = new AssistantMessageContentPartAdded { ContentIndex = 0, Content = part } }];
            yield return [new ThreadItemUpdatedEvent { ItemId = "m", Update = new AssistantMessageContentPartDone { ContentIndex = 12, Content = part } }];
        }

        var cited = new AssistantMessageContent
        {
            Text = "cited",
            Annotations = [new Annotation { Source = new UrlSource { Title = "t", Url = "https://example.com" }, Index = 1 }],
        };
        yield return [new ThreadItemDoneEvent { Item = new AssistantMessageItem { Id = "m", ThreadId = "t", CreatedAt = t0, Content = [cited] } }];
        yield return [new ThreadItemUpdatedEvent { ItemId = "m", Update = new AssistantMessageContentPartDone { ContentIndex = 0, Content = cited } }];
        yield return [new StreamOptionsEvent { StreamOptions = new StreamOptions { AllowCancel = true } }];
        yield return [new StreamOptionsEvent { StreamOptions = new StreamOptions { AllowCancel = false } }];
    }

    [Theory]
    [MemberData(nameof(PlainAnswerEvents))]
    public void Hand_written_answer_frames_are_the_serializers_bytes(ThreadStreamEvent e)
    {
        var expected = new ArrayBufferWriter<byte>();
        using (var writer = SseFrameWriter.CreateJsonWriter(expected))
        {
            JsonSerializer.Serialize(writer, e, ChatKitJson.Wire.ThreadStreamEvent);
        }

        Assert.Equal("data: " + Encoding.UTF8.GetString(expected.WrittenSpan) + "\n\n", Encoding.UTF8.GetString(SseFrameWriter.ToFrame(e)));
    }

    [Fact]
    public void The_hand_written_frames_know_every_property_they_write()
    {
        // SseFrameWriter writes these types property by property; a new property must be added there too.
        static string[] Properties(Type type) => [.. type.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(["Content", "CreatedAt", "Id", "IsHidden", "ThreadId"], Properties(typeof(AssistantMessageItem)));
        Assert.Equal(["Annotations", "Text", "Type"], Properties(typeof(AssistantMessageContent)));
        Assert.Equal(["AllowCancel"], Properties(typeof(StreamOptions)));
        Assert.Equal(["StreamOptions"], Properties(typeof(StreamOptionsEvent)));
        Assert.Equal(["Content", "ContentIndex"], Properties(typeof(AssistantMessageContentPartAdded)));
        Assert.Equal(["Content", "ContentIndex"], Properties(typeof(AssistantMessageContentPartDone)));
    }

    [Fact]
    public void Frames_reuse_one_buffer_and_writer()
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        using var writer = SseFrameWriter.CreateJsonWriter(buffer);
        SseFrameWriter.Write(buffer, writer, new ProgressUpdateEvent { Text = "one" });
        buffer.ResetWrittenCount();
        SseFrameWriter.Write(buffer, writer, new ThreadItemUpdatedEvent { ItemId = "m", Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "two" } });
        Assert.Equal(
            "data: {\"type\":\"thread.item.updated\",\"item_id\":\"m\",\"update\":{\"type\":\"assistant_message.content_part.text_delta\",\"content_index\":0,\"delta\":\"two\"}}\n\n",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
