using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatKit.Json;

namespace ChatKit.Server;

/// <summary>Writes events as SSE frames: the bytes <c>data: </c>, compact JSON, then <c>\n\n</c>.</summary>
public static partial class SseFrameWriter
{
    // Non-ASCII is written raw, as the reference does; the event is always one line since JSON escapes newlines.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // TryWritePlain asks the same encoder
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
        if (e is ThreadItemUpdatedEvent { Update: AssistantMessageContentPartTextDelta textDelta } deltaEvent
            && TryWriteTextDeltaFrame(output, deltaEvent.ItemId, textDelta.ContentIndex, textDelta.Delta))
        {
            return;
        }

        output.Write("data: "u8);
        writer.Reset(output);
        switch (e)
        {
            case ThreadItemUpdatedEvent { Update: AssistantMessageContentPartTextDelta delta } updated:
                WriteTextDelta(writer, updated.ItemId, delta);
                break;

            // The other events of every plain answer: each serializer call costs a polymorphic write stack.
            case StreamOptionsEvent options:
                writer.WriteStartObject();
                writer.WriteString(TypeProperty, StreamOptionsType);
                writer.WriteStartObject(StreamOptionsProperty);
                writer.WriteBoolean(AllowCancelProperty, options.StreamOptions.AllowCancel);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case ThreadItemAddedEvent { Item: AssistantMessageItem message } when HasNoAnnotations(message):
                WriteAssistantMessageEvent(writer, ThreadItemAddedType, message);
                break;
            case ThreadItemDoneEvent { Item: AssistantMessageItem message } when HasNoAnnotations(message):
                WriteAssistantMessageEvent(writer, ThreadItemDoneType, message);
                break;
            case ThreadItemUpdatedEvent { Update: AssistantMessageContentPartAdded { Content.AnnotationCount: 0 } added } updated:
                WritePartEvent(writer, updated.ItemId, PartAddedType, added.ContentIndex, added.Content);
                break;
            case ThreadItemUpdatedEvent { Update: AssistantMessageContentPartDone { Content.AnnotationCount: 0 } done } updated:
                WritePartEvent(writer, updated.ItemId, PartDoneType, done.ContentIndex, done.Content);
                break;
            // The fixed events of every turn that starts a thread or adds a user message (see SseFrameWriter.UserTurn.cs).
            case ThreadCreatedEvent created when IsPlainNewThread(created.Thread):
                WriteThreadCreated(writer, created.Thread);
                break;
            case ThreadItemDoneEvent { Item: UserMessageItem message } when IsPlainUserMessage(message):
                WriteUserMessageDone(writer, message);
                break;
            default:
                JsonSerializer.Serialize(writer, e, ChatKitJson.Wire.ThreadStreamEvent);
                break;
        }

        writer.Flush();
        output.Write("\n\n"u8);
    }

    // The per-token frame of every streamed answer as raw bytes: the fixed parts are constants, the id and the text are
    // transcoded straight into the output. Only when neither needs an escape, which is the encoder's own decision
    // (FindFirstCharacterToEncodeUtf8, the check Utf8JsonWriter makes); otherwise nothing is advanced and the caller
    // writes the frame through the JSON writer. Same bytes either way (TextDeltaFramePropertyTests).
    internal static bool TryWriteTextDeltaFrame(IBufferWriter<byte> output, string itemId, int contentIndex, string text)
    {
        ReadOnlySpan<byte> head = "data: {\"type\":\"thread.item.updated\",\"item_id\":\""u8;
        ReadOnlySpan<byte> middle = "\",\"update\":{\"type\":\"assistant_message.content_part.text_delta\",\"content_index\":"u8;
        ReadOnlySpan<byte> delta = ",\"delta\":\""u8;
        ReadOnlySpan<byte> tail = "\"}}\n\n"u8;

        if (itemId is null || text is null)
        {
            return false;
        }

        // UTF-8 takes at most 3 bytes per UTF-16 unit; an int at most 11 characters.
        var most = head.Length + middle.Length + delta.Length + tail.Length + 11 + (3 * ((long)itemId.Length + text.Length));
        if (most > MaxRawFrameBytes)
        {
            return false;
        }

        // Every delta of a message starts with the same bytes: a stream's buffer keeps them (TextDeltaFramePrefix).
        var remembered = (output as PooledFrameBuffer)?.TextDeltaPrefix;
        var span = output.GetSpan((int)most);
        int at;
        if (remembered is not null && remembered.TryGet(itemId, out var prefix))
        {
            prefix.CopyTo(span);
            at = prefix.Length;
        }
        else
        {
            head.CopyTo(span);
            at = head.Length;
            if (!TryWritePlain(itemId, span[at..], out var idLength))
            {
                return false;
            }

            at += idLength;
            middle.CopyTo(span[at..]);
            at += middle.Length;
            remembered?.Remember(itemId, span[..at]);
        }

        int written;
        contentIndex.TryFormat(span[at..], out written, provider: System.Globalization.CultureInfo.InvariantCulture);
        at += written;
        delta.CopyTo(span[at..]);
        at += delta.Length;
        if (!TryWritePlain(text, span[at..], out written))
        {
            return false;
        }

        at += written;
        tail.CopyTo(span[at..]);
        output.Advance(at + tail.Length);
        return true;
    }

    // Larger deltas are rare and gain nothing here; they take the writer, which asks the output for space as it goes.
    private const int MaxRawFrameBytes = 16 * 1024;

    // Transcodes a JSON string's content; false when it is not valid UTF-16 or the encoder would escape any of it.
    // Ids and deltas are mostly a few ASCII characters: one pass copies and checks them (printable ASCII other than the
    // quote and the backslash is never escaped); anything else asks the encoder.
    private static bool TryWritePlain(string value, Span<byte> destination, out int written)
    {
        if (value.Length <= ShortText)
        {
            var i = 0;
            for (; i < value.Length; i++)
            {
                var c = value[i];
                if (c is < ' ' or > '~' or '"' or '\\')
                {
                    break;
                }

                destination[i] = (byte)c;
            }

            if (i == value.Length)
            {
                written = i;
                return true;
            }
        }

        return System.Text.Unicode.Utf8.FromUtf16(value, destination, out _, out written, replaceInvalidSequences: false) == OperationStatus.Done
            && JavaScriptEncoder.UnsafeRelaxedJsonEscaping.FindFirstCharacterToEncodeUtf8(destination[..written]) < 0;
    }

    // Up to this length a character loop beats the vectorized transcoder and search, which pay a set-up per call.
    private const int ShortText = 32;

    // The per-token event of every streamed answer, written by hand: the serializer's polymorphic path allocates its
    // frame stack on every call (~300 B) and costs several times more. Same bytes as the serializer (tested).
    private static void WriteTextDelta(Utf8JsonWriter writer, string itemId, AssistantMessageContentPartTextDelta delta)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, ThreadItemUpdatedType);

        // Required strings, but a caller can still leave one null: the serializer then leaves the property out.
        if (itemId is not null)
        {
            writer.WriteString(ItemIdProperty, itemId);
        }

        writer.WriteStartObject(UpdateProperty);
        writer.WriteString(TypeProperty, TextDeltaType);
        writer.WriteNumber(ContentIndexProperty, delta.ContentIndex);
        if (delta.Delta is not null)
        {
            writer.WriteString(DeltaProperty, delta.Delta);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static bool HasNoAnnotations(AssistantMessageItem message)
    {
        foreach (var part in message.Content)
        {
            if (part.AnnotationCount > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void WriteAssistantMessageEvent(Utf8JsonWriter writer, JsonEncodedText type, AssistantMessageItem message)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, type);
        writer.WritePropertyName(ItemProperty);
        WriteAssistantMessage(writer, message);
        writer.WriteEndObject();
    }

    // The item itself; also a store's JSON of the item (ChatKitJson.SerializeItemForStorage).
    private static void WriteAssistantMessage(Utf8JsonWriter writer, AssistantMessageItem message)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, AssistantMessageType);
        writer.WriteString(IdProperty, message.Id);
        writer.WriteString(ThreadIdProperty, message.ThreadId);
        writer.WritePropertyName(CreatedAtProperty);
        ChatKitDateTimeConverter.WriteValue(writer, message.CreatedAt);
        writer.WriteStartArray(ContentProperty);
        foreach (var part in message.Content)
        {
            WritePart(writer, part);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePartEvent(Utf8JsonWriter writer, string itemId, JsonEncodedText type, int contentIndex, AssistantMessageContent part)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, ThreadItemUpdatedType);
        writer.WriteString(ItemIdProperty, itemId);
        writer.WriteStartObject(UpdateProperty);
        writer.WriteString(TypeProperty, type);
        writer.WriteNumber(ContentIndexProperty, contentIndex);
        writer.WritePropertyName(ContentProperty);
        WritePart(writer, part);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // A text part without annotations (the callers check).
    private static void WritePart(Utf8JsonWriter writer, AssistantMessageContent part)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(AnnotationsProperty);
        writer.WriteEndArray();
        writer.WriteString(TextProperty, part.Text);
        writer.WriteString(TypeProperty, OutputTextType);
        writer.WriteEndObject();
    }

    private static readonly JsonEncodedText ItemProperty = JsonEncodedText.Encode("item");
    private static readonly JsonEncodedText IdProperty = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ThreadIdProperty = JsonEncodedText.Encode("thread_id");
    private static readonly JsonEncodedText CreatedAtProperty = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText ContentProperty = JsonEncodedText.Encode("content");
    private static readonly JsonEncodedText AnnotationsProperty = JsonEncodedText.Encode("annotations");
    private static readonly JsonEncodedText TextProperty = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText StreamOptionsProperty = JsonEncodedText.Encode("stream_options");
    private static readonly JsonEncodedText AllowCancelProperty = JsonEncodedText.Encode("allow_cancel");
    private static readonly JsonEncodedText StreamOptionsType = JsonEncodedText.Encode("stream_options");
    private static readonly JsonEncodedText ThreadItemAddedType = JsonEncodedText.Encode("thread.item.added");
    private static readonly JsonEncodedText ThreadItemDoneType = JsonEncodedText.Encode("thread.item.done");
    private static readonly JsonEncodedText AssistantMessageType = JsonEncodedText.Encode("assistant_message");
    private static readonly JsonEncodedText OutputTextType = JsonEncodedText.Encode("output_text");
    private static readonly JsonEncodedText PartAddedType = JsonEncodedText.Encode("assistant_message.content_part.added");
    private static readonly JsonEncodedText PartDoneType = JsonEncodedText.Encode("assistant_message.content_part.done");
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
