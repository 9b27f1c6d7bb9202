using System.Buffers;
using System.Text.Json;
using ChatKit.Json;
using ChatKit.Stores;

namespace ChatKit.Server;

/// <summary>
/// Writes item pages (<c>items.list</c>, and inside <c>threads.get_by_id</c>) from stored item JSON (an
/// <see cref="IThreadItemJsonSource{TContext}"/>): the same bytes as serializing the deserialized items, without the
/// deserializing and serializing that dominated these requests.
/// </summary>
internal static class StoredItemPageWriter
{
    // Page<T>'s property names, shared with ThreadPageWriter.
    internal static readonly JsonEncodedText DataProperty = JsonEncodedText.Encode("data");
    internal static readonly JsonEncodedText HasMoreProperty = JsonEncodedText.Encode("has_more");
    internal static readonly JsonEncodedText AfterProperty = JsonEncodedText.Encode("after");

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

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = ChatKitJson.WireOptions.Encoder,
        Indented = false,
    };

    internal static void WritePage(Utf8JsonWriter writer, Page<StoredItemJson> page)
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

        WritePageEnd(writer, page.HasMore, page.After);
    }

    /// <summary>Closes a page's <c>data</c> array and writes its cursor, as the serializer does for <c>Page&lt;T&gt;</c>.</summary>
    internal static void WritePageEnd(Utf8JsonWriter writer, bool hasMore, string? after)
    {
        writer.WriteEndArray();
        writer.WriteBoolean(HasMoreProperty, hasMore);
        if (after is not null)
        {
            writer.WriteString(AfterProperty, after);
        }

        writer.WriteEndObject();
    }

    // Utf8JsonWriter asks its buffer for 4 KB of room whenever it runs short, so without the slack the buffer would
    // be copied into a doubled array near the end of every page.
    internal static int PageSizeHint(Page<StoredItemJson> page)
    {
        var size = 4096 + 256;
        foreach (var item in page.Data)
        {
            size += item.Json.Length + 1;
        }

        return size;
    }
}
