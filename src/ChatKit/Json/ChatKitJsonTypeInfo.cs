using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Json;

/// <summary>
/// Typed serialization metadata for every protocol type under one set of options (<see cref="ChatKitJson.Wire"/> or
/// <see cref="ChatKitJson.Storage"/>). It mirrors the properties of <see cref="ChatKitJsonContext"/>, which cannot be
/// used directly: a source-generated context always resolves through itself, so it cannot carry the wire's
/// attachment-metadata stripping.
/// </summary>
public sealed class ChatKitJsonTypeInfo
{
    internal ChatKitJsonTypeInfo(JsonSerializerOptions options) => Options = options;

    /// <summary>The options (read-only) the metadata is bound to.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Metadata for <see cref="ChatKitRequest"/>.</summary>
    public JsonTypeInfo<ChatKitRequest> ChatKitRequest => field ??= Get<ChatKitRequest>();

    /// <summary>Metadata for <see cref="ThreadStreamEvent"/>.</summary>
    public JsonTypeInfo<ThreadStreamEvent> ThreadStreamEvent => field ??= Get<ThreadStreamEvent>();

    /// <summary>Metadata for <see cref="ThreadItem"/>.</summary>
    public JsonTypeInfo<ThreadItem> ThreadItem => field ??= Get<ThreadItem>();

    /// <summary>Metadata for <see cref="ThreadItemUpdate"/>.</summary>
    public JsonTypeInfo<ThreadItemUpdate> ThreadItemUpdate => field ??= Get<ThreadItemUpdate>();

    /// <summary>Metadata for <see cref="ThreadMetadata"/>.</summary>
    public JsonTypeInfo<ThreadMetadata> ThreadMetadata => field ??= Get<ThreadMetadata>();

    /// <summary>Metadata for <see cref="ChatThread"/>.</summary>
    public JsonTypeInfo<ChatThread> ChatThread => field ??= Get<ChatThread>();

    /// <summary>Metadata for <see cref="Page{ThreadItem}"/>.</summary>
    public JsonTypeInfo<Page<ThreadItem>> PageThreadItem => field ??= Get<Page<ThreadItem>>();

    /// <summary>Metadata for <see cref="Page{ChatThread}"/>.</summary>
    public JsonTypeInfo<Page<ChatThread>> PageChatThread => field ??= Get<Page<ChatThread>>();

    /// <summary>Metadata for <see cref="Attachment"/>.</summary>
    public JsonTypeInfo<Attachment> Attachment => field ??= Get<Attachment>();

    /// <summary>Metadata for <see cref="SyncCustomActionResponse"/>.</summary>
    public JsonTypeInfo<SyncCustomActionResponse> SyncCustomActionResponse => field ??= Get<SyncCustomActionResponse>();

    /// <summary>Metadata for <see cref="TranscriptionResult"/>.</summary>
    public JsonTypeInfo<TranscriptionResult> TranscriptionResult => field ??= Get<TranscriptionResult>();

    /// <summary>Metadata for <see cref="EmptyResponse"/>.</summary>
    public JsonTypeInfo<EmptyResponse> EmptyResponse => field ??= Get<EmptyResponse>();

    /// <summary>Metadata for <see cref="ErrorResponse"/>.</summary>
    public JsonTypeInfo<ErrorResponse> ErrorResponse => field ??= Get<ErrorResponse>();

    /// <summary>Metadata for <see cref="WorkflowTask"/>.</summary>
    public JsonTypeInfo<WorkflowTask> WorkflowTask => field ??= Get<WorkflowTask>();

    /// <summary>Metadata for <see cref="Source"/>.</summary>
    public JsonTypeInfo<Source> Source => field ??= Get<Source>();

    /// <summary>Metadata for <see cref="UserMessageContent"/>.</summary>
    public JsonTypeInfo<UserMessageContent> UserMessageContent => field ??= Get<UserMessageContent>();

    /// <summary>Metadata for <see cref="StructuredInput"/>.</summary>
    public JsonTypeInfo<StructuredInput> StructuredInput => field ??= Get<StructuredInput>();

    /// <summary>Metadata for <see cref="AttachmentCreateParams"/>.</summary>
    public JsonTypeInfo<AttachmentCreateParams> AttachmentCreateParams => field ??= Get<AttachmentCreateParams>();

    /// <summary>Metadata for <see cref="CustomAction"/>.</summary>
    public JsonTypeInfo<CustomAction> CustomAction => field ??= Get<CustomAction>();

    /// <summary>Metadata for <see cref="JsonObject"/>.</summary>
    public JsonTypeInfo<JsonObject> JsonObject => field ??= Get<JsonObject>();

    /// <summary>Metadata for <see cref="JsonNode"/>.</summary>
    public JsonTypeInfo<JsonNode> JsonNode => field ??= Get<JsonNode>();

    /// <summary>Metadata for any type of the protocol.</summary>
    public JsonTypeInfo<T> Get<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
