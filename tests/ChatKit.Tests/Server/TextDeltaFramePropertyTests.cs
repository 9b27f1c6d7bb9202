using System.Buffers;
using System.Text;
using System.Text.Json;
using ChatKit.Json;
using ChatKit.Server;
using FsCheck;
using FsCheck.Fluent;

namespace ChatKit.Tests.Server;

/// <summary>
/// The text-delta frame, the bulk of every stream, is written as raw bytes when neither the item id nor the text
/// needs an escape, and through the JSON writer otherwise; either way it must be the serializer's bytes.
/// </summary>
public sealed class TextDeltaFramePropertyTests
{
    private const int Cases = 3000;

    private static readonly Gen<string> Text = EscapingText.Strings(40, "token ", "Hello, world.", "msg_0123abcd", "wörld — 日本語 🎉", "a < b && c > 'd'");

    private static readonly Gen<int> Index = Gen.Frequency((6, Gen.Choose(0, 3)), (1, Gen.Choose(int.MinValue, int.MaxValue)));

    [Fact]
    public void Every_text_delta_frame_is_the_serializers_bytes()
    {
        var cases = from id in Text from index in Index from text in Text select (Id: id, Index: index, Text: text);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
            SameAsSerializer(new ThreadItemUpdatedEvent { ItemId = c.Id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = c.Index, Delta = c.Text } }));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Fact]
    public void A_streams_frames_are_the_serializers_bytes_when_its_buffer_remembers_each_messages_prefix()
    {
        // One buffer per stream, as FrameBatches uses: deltas of a few messages interleaved, ids that need escapes
        // among them, and the same id as a different string instance.
        var ids = Gen.Elements("msg_a", "msg_b", "msg_\"c\"", "msg_é", "");
        var deltas = from id in ids from copy in Gen.Elements(false, true) from index in Index from text in Text
                     select (Id: copy ? new string(id.AsSpan()) : id, Index: index, Text: text);
        var property = Prop.ForAll(Gen.ListOf(deltas).ToArbitrary(), stream =>
        {
            using var buffer = new PooledFrameBuffer(64);
            using var writer = SseFrameWriter.CreateJsonWriter(buffer);
            var expected = new StringBuilder();
            foreach (var (id, index, text) in stream)
            {
                var e = new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = index, Delta = text } };
                SseFrameWriter.Write(buffer, writer, e);
                expected.Append(Serialized(e));
            }

            return expected.ToString() == Encoding.UTF8.GetString(buffer.WrittenMemory.Span);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Theory]
    [InlineData("token ")]
    [InlineData("wörld — 日本語")]
    [InlineData("a < b && c > 'd' + `e`")]
    [InlineData("")]
    public void Text_without_escapes_takes_the_raw_path(string text)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(SseFrameWriter.TryWriteTextDeltaFrame(output, "msg_1", 0, text));
        Assert.Equal(Serialized(new ThreadItemUpdatedEvent { ItemId = "msg_1", Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = text } }), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("msg_1", "say \"hi\"")]
    [InlineData("msg_1", "back\\slash")]
    [InlineData("msg_1", "line\nbreak")]
    [InlineData("msg_1", "\u007f")]
    [InlineData("msg_1", "\u2028")]
    [InlineData("msg_1", "🎉")] // the encoder escapes characters outside the BMP
    [InlineData("msg_\"1\"", "token ")]
    public void Anything_to_escape_is_left_to_the_json_writer_and_nothing_is_written(string itemId, string text)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(SseFrameWriter.TryWriteTextDeltaFrame(output, itemId, 0, text));
        Assert.Equal(0, output.WrittenCount);
        Assert.True(SameAsSerializer(new ThreadItemUpdatedEvent { ItemId = itemId, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = text } }));
    }

    [Fact]
    public void A_very_long_delta_takes_the_json_writer_with_the_same_bytes()
    {
        var text = new string('x', 20_000);
        Assert.False(SseFrameWriter.TryWriteTextDeltaFrame(new ArrayBufferWriter<byte>(), "msg_1", 0, text));
        Assert.True(SameAsSerializer(new ThreadItemUpdatedEvent { ItemId = "msg_1", Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = text } }));
    }

    [Theory]
    [InlineData("msg_1", null)]
    [InlineData(null, "token ")]
    public void A_null_id_or_delta_is_left_out_as_the_serializer_does(string? itemId, string? text)
    {
        var e = new ThreadItemUpdatedEvent { ItemId = itemId!, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = text! } };
        Assert.False(SseFrameWriter.TryWriteTextDeltaFrame(new ArrayBufferWriter<byte>(), itemId!, 0, text!));
        Assert.Equal(Serialized(e), Encoding.UTF8.GetString(SseFrameWriter.ToFrame(e)));
    }

    [Fact]
    public void A_lone_surrogate_is_left_to_the_json_writer()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(SseFrameWriter.TryWriteTextDeltaFrame(output, "msg_1", 0, "a\ud800b"));
        Assert.Equal(0, output.WrittenCount);
        Assert.True(SameAsSerializer(new ThreadItemUpdatedEvent { ItemId = "msg_1", Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "a\ud800b" } }));
    }

    private static bool SameAsSerializer(ThreadStreamEvent e) =>
        Serialized(e) == Encoding.UTF8.GetString(SseFrameWriter.ToFrame(e));

    private static string Serialized(ThreadStreamEvent e)
    {
        var expected = new ArrayBufferWriter<byte>();
        using (var writer = SseFrameWriter.CreateJsonWriter(expected))
        {
            JsonSerializer.Serialize(writer, e, ChatKitJson.Wire.ThreadStreamEvent);
        }

        return "data: " + Encoding.UTF8.GetString(expected.WrittenSpan) + "\n\n";
    }
}
