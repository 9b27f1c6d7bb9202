using System.Buffers;
using System.Text.Json;
using ChatKit.Json;
using ChatKit.Stores;

namespace ChatKit.Server;

/// <summary>
/// Writes <c>items.list</c> and <c>threads.get_by_id</c> responses from stored item JSON (an
/// <see cref="IThreadItemJsonSource{TContext}"/>): the same bytes as serializing the deserialized items, without the
/// deserializing and serializing that dominated these requests.
/// </summary>
internal static class StoredItemPageWriter
{
    private static readonly JsonEncodedText DataProperty = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText HasMoreProperty = JsonEncodedText.Encode("has_more");
    private static readonly JsonEncodedText AfterProperty = JsonEncodedText.Encode("after");

    // How the serializer ends a ChatThread whose item page is empty; the page is spliced in there.
    private static readonly byte[] EmptyItemsSuffix = "\"items\":{\"data\":[],\"has_more\":false}}"u8.ToArray();

    /// <summary>The <c>items.list</c> body: the page without hidden items.</summary>
    public static ReadOnlyMemory<byte> Page(Page<StoredItemJson> page)
    {
        var buffer = new ArrayBufferWriter<byte>(PageSizeHint(page));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WritePage(writer, page);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The <c>threads.get_by_id</c> body: <paramref name="thread"/> with <paramref name="page"/> as its items.</summary>
    public static ReadOnlyMemory<byte> Thread(ChatThread thread, Page<StoredItemJson> page)
    {
        thread.Items = Page<ThreadItem>.Empty;
        var head = JsonSerializer.SerializeToUtf8Bytes(thread, ChatKitJson.Wire.ChatThread);
        if (!head.AsSpan().EndsWith(EmptyItemsSuffix))
        {
            // Not the shape this splice expects (a future ChatThread property after items): take the long way.
            thread.Items = Load(page);
            return JsonSerializer.SerializeToUtf8Bytes(thread, ChatKitJson.Wire.ChatThread);
        }

        var prefixLength = head.Length - EmptyItemsSuffix.Length + "\"items\":"u8.Length;
        var buffer = new ArrayBufferWriter<byte>(prefixLength + PageSizeHint(page) + 1);
        buffer.Write(head.AsSpan(0, prefixLength));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WritePage(writer, page);
        }

        buffer.Write("}"u8);
        return buffer.WrittenMemory;
    }

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = ChatKitJson.WireOptions.Encoder,
        Indented = false,
    };

    private static void WritePage(Utf8JsonWriter writer, Page<StoredItemJson> page)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(DataProperty);
        foreach (var item in page.Data)
        {
            if (item.IsHidden)
            {
                continue;
            }

            if (item.IsClientJson)
            {
                // Validated, not trusted: a corrupt row fails this request instead of breaking the client's parser.
                writer.WriteRawValue(item.Json.Span, skipInputValidation: false);
            }
            else
            {
                JsonSerializer.Serialize(writer, ChatKitJson.DeserializeStoredItem(item.Json.Span), ChatKitJson.Wire.ThreadItem);
            }
        }

        writer.WriteEndArray();
        writer.WriteBoolean(HasMoreProperty, page.HasMore);
        if (page.After is not null)
        {
            writer.WriteString(AfterProperty, page.After);
        }

        writer.WriteEndObject();
    }

    private static Page<ThreadItem> Load(Page<StoredItemJson> page) => new()
    {
        Data = [.. page.Data.Where(i => !i.IsHidden).Select(i => ChatKitJson.DeserializeStoredItem(i.Json.Span))],
        HasMore = page.HasMore,
        After = page.After,
    };

    // Utf8JsonWriter asks its buffer for 4 KB of room whenever it runs short, so without the slack the buffer would
    // be copied into a doubled array near the end of every page.
    private static int PageSizeHint(Page<StoredItemJson> page)
    {
        var size = 4096 + 256;
        foreach (var item in page.Data)
        {
            size += item.Json.Length + 1;
        }

        return size;
    }
}
