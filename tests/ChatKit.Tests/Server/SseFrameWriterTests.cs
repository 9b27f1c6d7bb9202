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
