using System.Text.Json;
using ChatKit.Json;

namespace ChatKit.Server;

// thread.created and the user message's thread.item.done, written by hand: each is sent once per turn, and through the
// polymorphic serializer the two cost about a third of a short turn's CPU (a write stack allocated and grown per call).
// The shapes taken here are what a turn normally sends; anything else (a page of items, an active run, tag data, an
// upload descriptor with headers) goes to the serializer. Same bytes as the serializer (property-tested).
public static partial class SseFrameWriter
{
    private static bool IsPlainNewThread(ChatThread thread) =>
        thread.ActiveRun is null &&
        thread.Items is { Data.Count: 0, After: null } &&
        thread.Status is ActiveThreadStatus or LockedThreadStatus or ClosedThreadStatus;

    private static void WriteThreadCreated(Utf8JsonWriter writer, ChatThread thread)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, ThreadCreatedType);
        writer.WriteStartObject(ThreadProperty);
        if (thread.Title is { } title)
        {
            writer.WriteString(TitleProperty, title);
        }

        writer.WriteString(IdProperty, thread.Id);
        writer.WritePropertyName(CreatedAtProperty);
        ChatKitDateTimeConverter.WriteValue(writer, thread.CreatedAt);
        writer.WriteStartObject(StatusProperty);
        switch (thread.Status)
        {
            case LockedThreadStatus locked:
                writer.WriteString(TypeProperty, LockedType);
                WriteOptionalString(writer, ReasonProperty, locked.Reason);
                break;
            case ClosedThreadStatus closed:
                writer.WriteString(TypeProperty, ClosedType);
                WriteOptionalString(writer, ReasonProperty, closed.Reason);
                break;
            default:
                writer.WriteString(TypeProperty, ActiveType);
                break;
        }

        writer.WriteEndObject();
        if (thread.AllowedImageDomains is { } domains)
        {
            writer.WriteStartArray(AllowedImageDomainsProperty);
            for (var i = 0; i < domains.Count; i++)
            {
                writer.WriteStringValue(domains[i]);
            }

            writer.WriteEndArray();
        }

        // A thread's metadata is always {} on the wire (ChatThread.Metadata).
        writer.WriteStartObject(MetadataProperty);
        writer.WriteEndObject();
        writer.WriteStartObject(ItemsProperty);
        writer.WriteStartArray(DataProperty);
        writer.WriteEndArray();
        writer.WriteBoolean(HasMoreProperty, thread.Items.HasMore);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static bool IsPlainUserMessage(UserMessageItem message)
    {
        // Indexed loops: foreach over an IReadOnlyList boxes its enumerator.
        var content = message.Content;
        for (var i = 0; i < content.Count; i++)
        {
            var part = content[i];

            // Tag data is free-form JSON: the serializer writes it.
            if (part is not (UserMessageTextContent or UserMessageTagContent { Data.Count: 0 }))
            {
                return false;
            }
        }

        var attachments = message.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            if (attachment is not (FileAttachment or ImageAttachment) || attachment.UploadDescriptor is { Headers.Count: > 0 })
            {
                return false;
            }
        }

        return true;
    }

    private static void WriteUserMessageDone(Utf8JsonWriter writer, UserMessageItem message)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, ThreadItemDoneType);
        writer.WritePropertyName(ItemProperty);
        WriteUserMessage(writer, message);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes an item of the shapes written by hand here (an assistant message without annotations, a user message
    /// as <see cref="IsPlainUserMessage"/> takes it) as the wire serializer would; false, writing nothing, for any
    /// other. For an item without private attachment metadata this is also its stored JSON.
    /// </summary>
    internal static bool TryWriteItem(Utf8JsonWriter writer, ThreadItem item)
    {
        switch (item)
        {
            case AssistantMessageItem assistant when HasNoAnnotations(assistant):
                WriteAssistantMessage(writer, assistant);
                return true;
            case UserMessageItem user when IsPlainUserMessage(user):
                WriteUserMessage(writer, user);
                return true;
            default:
                return false;
        }
    }

    private static void WriteUserMessage(Utf8JsonWriter writer, UserMessageItem message)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, UserMessageType);
        writer.WriteString(IdProperty, message.Id);
        writer.WriteString(ThreadIdProperty, message.ThreadId);
        writer.WritePropertyName(CreatedAtProperty);
        ChatKitDateTimeConverter.WriteValue(writer, message.CreatedAt);
        writer.WriteStartArray(ContentProperty);
        var content = message.Content;
        for (var i = 0; i < content.Count; i++)
        {
            var part = content[i];
            writer.WriteStartObject();
            if (part is UserMessageTagContent tag)
            {
                writer.WriteString(TypeProperty, InputTagType);
                writer.WriteString(IdProperty, tag.Id);
                writer.WriteString(TextProperty, tag.Text);
                writer.WriteStartObject(DataProperty);
                writer.WriteEndObject();
                WriteOptionalString(writer, GroupProperty, tag.Group);
                writer.WriteBoolean(InteractiveProperty, tag.Interactive);
            }
            else
            {
                writer.WriteString(TypeProperty, InputTextType);
                writer.WriteString(TextProperty, ((UserMessageTextContent)part).Text);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray(AttachmentsProperty);
        var attachments = message.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            WriteAttachment(writer, attachments[i]);
        }

        writer.WriteEndArray();
        WriteOptionalString(writer, QuotedTextProperty, message.QuotedText);
        writer.WriteStartObject(InferenceOptionsProperty);
        if (message.InferenceOptions.ToolChoice is { } tool)
        {
            writer.WriteStartObject(ToolChoiceProperty);
            writer.WriteString(IdProperty, tool.Id);
            writer.WriteEndObject();
        }

        WriteOptionalString(writer, ModelProperty, message.InferenceOptions.Model);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // An attachment as the client sees it: its metadata is private (never written), an upload descriptor only
    // without headers (the caller checks).
    private static void WriteAttachment(Utf8JsonWriter writer, Attachment attachment)
    {
        writer.WriteStartObject();
        // The serializer writes a derived type's own properties before the base type's (Attachment sets no order).
        if (attachment is ImageAttachment image)
        {
            writer.WriteString(TypeProperty, ImageType);
            writer.WriteString(PreviewUrlProperty, image.PreviewUrl);
        }
        else
        {
            writer.WriteString(TypeProperty, FileType);
        }

        writer.WriteString(IdProperty, attachment.Id);
        writer.WriteString(NameProperty, attachment.Name);
        writer.WriteString(MimeTypeProperty, attachment.MimeType);
        if (attachment.UploadDescriptor is { } upload)
        {
            writer.WriteStartObject(UploadDescriptorProperty);
            writer.WriteString(UrlProperty, upload.Url);
            writer.WriteString(MethodProperty, upload.Method);
            writer.WriteStartObject(HeadersProperty);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        WriteOptionalString(writer, ThreadIdProperty, attachment.ThreadId);

        writer.WriteEndObject();
    }

    // Null-valued properties are omitted on the wire (WhenWritingNull).
    private static void WriteOptionalString(Utf8JsonWriter writer, JsonEncodedText property, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(property, value);
        }
    }

    private static readonly JsonEncodedText ThreadCreatedType = JsonEncodedText.Encode("thread.created");
    private static readonly JsonEncodedText ThreadProperty = JsonEncodedText.Encode("thread");
    private static readonly JsonEncodedText TitleProperty = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText StatusProperty = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText ReasonProperty = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText ActiveType = JsonEncodedText.Encode("active");
    private static readonly JsonEncodedText LockedType = JsonEncodedText.Encode("locked");
    private static readonly JsonEncodedText ClosedType = JsonEncodedText.Encode("closed");
    private static readonly JsonEncodedText AllowedImageDomainsProperty = JsonEncodedText.Encode("allowed_image_domains");
    private static readonly JsonEncodedText MetadataProperty = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText ItemsProperty = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText DataProperty = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText HasMoreProperty = JsonEncodedText.Encode("has_more");
    private static readonly JsonEncodedText UserMessageType = JsonEncodedText.Encode("user_message");
    private static readonly JsonEncodedText InputTextType = JsonEncodedText.Encode("input_text");
    private static readonly JsonEncodedText InputTagType = JsonEncodedText.Encode("input_tag");
    private static readonly JsonEncodedText GroupProperty = JsonEncodedText.Encode("group");
    private static readonly JsonEncodedText InteractiveProperty = JsonEncodedText.Encode("interactive");
    private static readonly JsonEncodedText AttachmentsProperty = JsonEncodedText.Encode("attachments");
    private static readonly JsonEncodedText QuotedTextProperty = JsonEncodedText.Encode("quoted_text");
    private static readonly JsonEncodedText InferenceOptionsProperty = JsonEncodedText.Encode("inference_options");
    private static readonly JsonEncodedText ToolChoiceProperty = JsonEncodedText.Encode("tool_choice");
    private static readonly JsonEncodedText ModelProperty = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText FileType = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText ImageType = JsonEncodedText.Encode("image");
    private static readonly JsonEncodedText NameProperty = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText MimeTypeProperty = JsonEncodedText.Encode("mime_type");
    private static readonly JsonEncodedText UploadDescriptorProperty = JsonEncodedText.Encode("upload_descriptor");
    private static readonly JsonEncodedText UrlProperty = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText MethodProperty = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText HeadersProperty = JsonEncodedText.Encode("headers");
    private static readonly JsonEncodedText PreviewUrlProperty = JsonEncodedText.Encode("preview_url");
}
