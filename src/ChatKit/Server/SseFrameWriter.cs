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
        JsonSerializer.Serialize(writer, e, ChatKitJson.Wire.ThreadStreamEvent);
        writer.Flush();
        output.Write("\n\n"u8);
    }

    /// <summary>One frame as a new array (convenient for tests and one-off use).</summary>
    public static byte[] ToFrame(ThreadStreamEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = CreateJsonWriter(buffer);
        Write(buffer, writer, e);
        return buffer.WrittenSpan.ToArray();
    }
}
