using System.Buffers;
using System.Text.Json;
using ChatKit.Json;
using ChatKit.Stores;

namespace ChatKit.Server;

/// <summary>
/// Writes the <c>threads.list</c> and <c>threads.get_by_id</c> bodies straight from the stored threads: the bytes of
/// serializing <see cref="ChatThread"/>s (tested for equality), without building them or going through the
/// serializer's polymorphic write path, which dominated these requests.
/// </summary>
internal static class ThreadPageWriter
{
    private static readonly JsonEncodedText DataProperty = StoredItemPageWriter.DataProperty;
    private static readonly JsonEncodedText HasMoreProperty = StoredItemPageWriter.HasMoreProperty;
    private static readonly JsonEncodedText TitleProperty = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText IdProperty = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText CreatedAtProperty = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText StatusProperty = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ReasonProperty = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText AllowedImageDomainsProperty = JsonEncodedText.Encode("allowed_image_domains");
    private static readonly JsonEncodedText MetadataProperty = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText ActiveRunProperty = JsonEncodedText.Encode("active_run");
    private static readonly JsonEncodedText ItemsProperty = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText Active = JsonEncodedText.Encode("active");
    private static readonly JsonEncodedText Locked = JsonEncodedText.Encode("locked");
    private static readonly JsonEncodedText Closed = JsonEncodedText.Encode("closed");

    public static ReadOnlyMemory<byte> Page(Page<ThreadMetadata> page)
    {
        var buffer = new ArrayBufferWriter<byte>(4096 + (256 * page.Data.Count));
        using (var writer = new Utf8JsonWriter(buffer, StoredItemPageWriter.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(DataProperty);
            foreach (var thread in page.Data)
            {
                WriteThread(writer, thread);
            }

            StoredItemPageWriter.WritePageEnd(writer, page.HasMore, page.After);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The <c>threads.get_by_id</c> body: the thread with its first page of items.</summary>
    public static ReadOnlyMemory<byte> Thread(ThreadMetadata thread, Page<StoredItemJson> items, ActiveRun? activeRun = null)
    {
        var buffer = new ArrayBufferWriter<byte>(StoredItemPageWriter.PageSizeHint(items) + 512);
        using (var writer = new Utf8JsonWriter(buffer, StoredItemPageWriter.WriterOptions))
        {
            WriteThread(writer, thread, items, activeRun);
        }

        return buffer.WrittenMemory;
    }

    // A ChatThread: stored metadata never leaves (always {}); the item page is empty in lists.
    private static void WriteThread(Utf8JsonWriter writer, ThreadMetadata thread, Page<StoredItemJson>? items = null, ActiveRun? activeRun = null)
    {
        writer.WriteStartObject();
        if (thread.Title is not null)
        {
            writer.WriteString(TitleProperty, thread.Title);
        }

        writer.WriteString(IdProperty, thread.Id);
        writer.WritePropertyName(CreatedAtProperty);
        ChatKitDateTimeConverter.WriteValue(writer, thread.CreatedAt);
        writer.WriteStartObject(StatusProperty);
        var (type, reason) = thread.Status switch
        {
            LockedThreadStatus locked => (Locked, locked.Reason),
            ClosedThreadStatus closed => (Closed, closed.Reason),
            _ => (Active, null),
        };
        writer.WriteString(TypeProperty, type);
        if (reason is not null)
        {
            writer.WriteString(ReasonProperty, reason);
        }

        writer.WriteEndObject();
        if (thread.AllowedImageDomains is { } domains)
        {
            writer.WriteStartArray(AllowedImageDomainsProperty);
            foreach (var domain in domains)
            {
                writer.WriteStringValue(domain);
            }

            writer.WriteEndArray();
        }

        writer.WriteStartObject(MetadataProperty);
        writer.WriteEndObject();
        writer.WritePropertyName(ItemsProperty);
        if (items is null)
        {
            writer.WriteStartObject();
            writer.WriteStartArray(DataProperty);
            writer.WriteEndArray();
            writer.WriteBoolean(HasMoreProperty, false);
            writer.WriteEndObject();
        }
        else
        {
            StoredItemPageWriter.WritePage(writer, items);
        }

        if (activeRun is not null)
        {
            writer.WriteStartObject(ActiveRunProperty);
            writer.WriteString(IdProperty, activeRun.Id);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
