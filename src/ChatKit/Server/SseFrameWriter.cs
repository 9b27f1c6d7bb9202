using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatKit.Json;

namespace ChatKit.Server;

/// <summary>Writes events as SSE frames: the bytes <c>data: </c>, compact JSON, then <c>\n\n</c>.</summary>
public static class SseFrameWriter
{
    // Non-ASCII is written raw, as the reference does; the event is always one line since JSON escapes newlines.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>A JSON writer configured for frames; reuse it across frames with <see cref="Write"/>.</summary>
    public static Utf8JsonWriter CreateJsonWriter(IBufferWriter<byte> output) => new(output, WriterOptions);

    /// <summary>Appends one frame for <paramref name="e"/> to <paramref name="output"/>.</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="writer">A writer from <see cref="CreateJsonWriter"/>; it is reset onto <paramref name="output"/>.</param>
    /// <param name="e">The event.</param>
    public static void Write(IBufferWriter<byte> output, Utf8JsonWriter writer, ThreadStreamEvent e)
    {
        output.Write("data: "u8);
        writer.Reset(output);
        if (e is ThreadItemUpdatedEvent { Update: AssistantMessageContentPartTextDelta delta } updated)
        {
            WriteTextDelta(writer, updated.ItemId, delta);
        }
        else
        {
            JsonSerializer.Serialize(writer, e, ChatKitJson.Wire.ThreadStreamEvent);
        }

        writer.Flush();
        output.Write("\n\n"u8);
    }

    // The per-token event of every streamed answer, written by hand: the serializer's polymorphic path allocates its
    // frame stack on every call (~300 B) and costs several times more. Same bytes as the serializer (tested).
    private static void WriteTextDelta(Utf8JsonWriter writer, string itemId, AssistantMessageContentPartTextDelta delta)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, ThreadItemUpdatedType);
        writer.WriteString(ItemIdProperty, itemId);
        writer.WriteStartObject(UpdateProperty);
        writer.WriteString(TypeProperty, TextDeltaType);
        writer.WriteNumber(ContentIndexProperty, delta.ContentIndex);
        writer.WriteString(DeltaProperty, delta.Delta);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ItemIdProperty = JsonEncodedText.Encode("item_id");
    private static readonly JsonEncodedText UpdateProperty = JsonEncodedText.Encode("update");
    private static readonly JsonEncodedText ContentIndexProperty = JsonEncodedText.Encode("content_index");
    private static readonly JsonEncodedText DeltaProperty = JsonEncodedText.Encode("delta");
    private static readonly JsonEncodedText ThreadItemUpdatedType = JsonEncodedText.Encode("thread.item.updated");
    private static readonly JsonEncodedText TextDeltaType = JsonEncodedText.Encode("assistant_message.content_part.text_delta");

    /// <summary>One frame as a new array (convenient for tests and one-off use).</summary>
    public static byte[] ToFrame(ThreadStreamEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = CreateJsonWriter(buffer);
        Write(buffer, writer, e);
        return buffer.WrittenSpan.ToArray();
    }
}
