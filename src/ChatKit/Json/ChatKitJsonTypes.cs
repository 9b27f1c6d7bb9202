using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Json;

/// <summary>
/// Typed serialization metadata of the protocol's root types for one set of options (<see cref="ChatKitJson.Wire"/>
/// or <see cref="ChatKitJson.Storage"/>). Resolved through <see cref="Options"/>, so option-level customizations
/// (such as stripping attachment metadata on the wire) apply.
/// </summary>
public sealed class ChatKitJsonTypes
{
    internal ChatKitJsonTypes(JsonSerializerOptions options)
    {
        Options = options;
    }

    /// <summary>The (read-only) options the metadata belongs to.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Metadata for <see cref="ChatKit.ChatKitRequest"/>.</summary>
    public JsonTypeInfo<ChatKitRequest> ChatKitRequest => field ??= Get<ChatKitRequest>();

    /// <summary>Metadata for <see cref="ChatKit.ThreadStreamEvent"/>.</summary>
    public JsonTypeInfo<ThreadStreamEvent> ThreadStreamEvent => field ??= Get<ThreadStreamEvent>();

    /// <summary>Metadata for <see cref="ChatKit.ThreadItem"/>.</summary>
    public JsonTypeInfo<ThreadItem> ThreadItem => field ??= Get<ThreadItem>();

    /// <summary>Metadata for <see cref="ChatKit.ThreadItemUpdate"/>.</summary>
    public JsonTypeInfo<ThreadItemUpdate> ThreadItemUpdate => field ??= Get<ThreadItemUpdate>();

    /// <summary>Metadata for <see cref="ChatKit.ThreadMetadata"/>.</summary>
    public JsonTypeInfo<ThreadMetadata> ThreadMetadata => field ??= Get<ThreadMetadata>();

    /// <summary>Metadata for <see cref="ChatKit.ChatThread"/>.</summary>
    public JsonTypeInfo<ChatThread> ChatThread => field ??= Get<ChatThread>();

    /// <summary>Metadata for a page of items.</summary>
    public JsonTypeInfo<Page<ThreadItem>> PageThreadItem => field ??= Get<Page<ThreadItem>>();

    /// <summary>Metadata for a page of threads.</summary>
    public JsonTypeInfo<Page<ChatThread>> PageChatThread => field ??= Get<Page<ChatThread>>();

    /// <summary>Metadata for <see cref="ChatKit.Attachment"/>.</summary>
    public JsonTypeInfo<Attachment> Attachment => field ??= Get<Attachment>();

    /// <summary>Metadata for <see cref="ChatKit.SyncCustomActionResponse"/>.</summary>
    public JsonTypeInfo<SyncCustomActionResponse> SyncCustomActionResponse => field ??= Get<SyncCustomActionResponse>();

    /// <summary>Metadata for <see cref="ChatKit.TranscriptionResult"/>.</summary>
    public JsonTypeInfo<TranscriptionResult> TranscriptionResult => field ??= Get<TranscriptionResult>();

    /// <summary>Metadata for <see cref="ChatKit.EmptyResponse"/>.</summary>
    public JsonTypeInfo<EmptyResponse> EmptyResponse => field ??= Get<EmptyResponse>();

    /// <summary>Metadata for <see cref="ChatKit.ErrorResponse"/>.</summary>
    public JsonTypeInfo<ErrorResponse> ErrorResponse => field ??= Get<ErrorResponse>();

    /// <summary>Metadata for <see cref="ChatKit.WorkflowTask"/>.</summary>
    public JsonTypeInfo<WorkflowTask> WorkflowTask => field ??= Get<WorkflowTask>();

    /// <summary>Metadata for <see cref="ChatKit.Source"/>.</summary>
    public JsonTypeInfo<Source> Source => field ??= Get<Source>();

    /// <summary>Metadata for <see cref="ChatKit.UserMessageContent"/>.</summary>
    public JsonTypeInfo<UserMessageContent> UserMessageContent => field ??= Get<UserMessageContent>();

    /// <summary>Metadata for <see cref="ChatKit.StructuredInput"/>.</summary>
    public JsonTypeInfo<StructuredInput> StructuredInput => field ??= Get<StructuredInput>();

    /// <summary>Metadata for <see cref="ChatKit.AttachmentCreateParams"/>.</summary>
    public JsonTypeInfo<AttachmentCreateParams> AttachmentCreateParams => field ??= Get<AttachmentCreateParams>();

    /// <summary>Metadata for <see cref="ChatKit.CustomAction"/>.</summary>
    public JsonTypeInfo<CustomAction> CustomAction => field ??= Get<CustomAction>();

    /// <summary>Metadata for <see cref="System.Text.Json.Nodes.JsonObject"/>.</summary>
    public JsonTypeInfo<JsonObject> JsonObject => field ??= Get<JsonObject>();

    /// <summary>Metadata for <see cref="System.Text.Json.Nodes.JsonNode"/>.</summary>
    public JsonTypeInfo<JsonNode> JsonNode => field ??= Get<JsonNode>();

    private JsonTypeInfo<T> Get<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
