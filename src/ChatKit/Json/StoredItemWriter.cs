using System.Buffers;
using System.Text.Json;
using ChatKit.Server;

namespace ChatKit.Json;

/// <summary>
/// The stored JSON of the items every turn saves (the user's message, the assistant's answer), written by the frame
/// writer's hand-written item writers instead of the polymorphic serializer (a write stack allocated per call, about a
/// tenth of a short turn's CPU on the in-memory store). Only items whose stored form equals their client form (no
/// private attachment metadata): those bytes are what the serializer's storage options would write (property-tested).
/// </summary>
internal static class StoredItemWriter
{
    // One buffer and writer per thread: serialization is synchronous and never re-entered.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The item's stored JSON passed through <paramref name="result"/>; false when the serializer must write it.</summary>
    public static bool TryWrite<T>(ThreadItem item, Func<ReadOnlySpan<byte>, T> result, out T value)
    {
        value = default!;
        if (!ChatKitJson.IsClientJson(item))
        {
            return false;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= SseFrameWriter.CreateJsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        if (!SseFrameWriter.TryWriteItem(writer, item))
        {
            return false;
        }

        writer.Flush();
        value = result(buffer.WrittenSpan);

        // A long answer must not stay pinned to the thread.
        if (buffer.Capacity > 64 * 1024)
        {
            t_buffer = null;
            t_writer = null;
        }

        return true;
    }
}
