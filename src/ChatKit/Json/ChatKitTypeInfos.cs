using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Json;

/// <summary>
/// Typed serialization metadata bound to one of the shared options (<see cref="ChatKitJson.WireOptions"/> or
/// <see cref="ChatKitJson.StorageOptions"/>), resolved once and cached.
/// </summary>
public sealed class ChatKitTypeInfos
{
    private readonly JsonSerializerOptions _options;
    private readonly JsonTypeInfo<ChatKitRequest> _request;
    private readonly JsonTypeInfo<ThreadStreamEvent> _event;
    private readonly JsonTypeInfo<ThreadItem> _item;

    internal ChatKitTypeInfos(JsonSerializerOptions options)
    {
        _options = options;
        _request = Get<ChatKitRequest>();
        _event = Get<ThreadStreamEvent>();
        _item = Get<ThreadItem>();
    }

    /// <summary>The options these belong to.</summary>
    public JsonSerializerOptions Options => _options;

    /// <summary>Requests.</summary>
    public JsonTypeInfo<ChatKitRequest> ChatKitRequest => _request;

    /// <summary>Stream events.</summary>
    public JsonTypeInfo<ThreadStreamEvent> ThreadStreamEvent => _event;

    /// <summary>Thread items.</summary>
    public JsonTypeInfo<ThreadItem> ThreadItem => _item;

    /// <summary>Item updates.</summary>
    public JsonTypeInfo<ThreadItemUpdate> ThreadItemUpdate => Get<ThreadItemUpdate>();

    /// <summary>Stored threads.</summary>
    public JsonTypeInfo<ThreadMetadata> ThreadMetadata => Get<ThreadMetadata>();

    /// <summary>Thread responses.</summary>
    public JsonTypeInfo<ChatThread> ChatThread => Get<ChatThread>();

    /// <summary>Item pages.</summary>
    public JsonTypeInfo<Page<ThreadItem>> PageThreadItem => Get<Page<ThreadItem>>();

    /// <summary>Thread pages.</summary>
    public JsonTypeInfo<Page<ChatThread>> PageChatThread => Get<Page<ChatThread>>();

    /// <summary>Attachments.</summary>
    public JsonTypeInfo<Attachment> Attachment => Get<Attachment>();

    /// <summary>Sync action responses.</summary>
    public JsonTypeInfo<SyncCustomActionResponse> SyncCustomActionResponse => Get<SyncCustomActionResponse>();

    /// <summary>Transcriptions.</summary>
    public JsonTypeInfo<TranscriptionResult> TranscriptionResult => Get<TranscriptionResult>();

    /// <summary>Empty responses.</summary>
    public JsonTypeInfo<EmptyResponse> EmptyResponse => Get<EmptyResponse>();

    /// <summary>Error bodies.</summary>
    public JsonTypeInfo<ErrorResponse> ErrorResponse => Get<ErrorResponse>();

    /// <summary>Workflow tasks.</summary>
    public JsonTypeInfo<WorkflowTask> WorkflowTask => Get<WorkflowTask>();

    /// <summary>Sources.</summary>
    public JsonTypeInfo<Source> Source => Get<Source>();

    /// <summary>User content.</summary>
    public JsonTypeInfo<UserMessageContent> UserMessageContent => Get<UserMessageContent>();

    /// <summary>Structured inputs.</summary>
    public JsonTypeInfo<StructuredInput> StructuredInput => Get<StructuredInput>();

    /// <summary>Attachment creation parameters.</summary>
    public JsonTypeInfo<AttachmentCreateParams> AttachmentCreateParams => Get<AttachmentCreateParams>();

    /// <summary>Actions.</summary>
    public JsonTypeInfo<CustomAction> CustomAction => Get<CustomAction>();

    /// <summary>JSON objects.</summary>
    public JsonTypeInfo<JsonObject> JsonObject => Get<JsonObject>();

    /// <summary>JSON nodes.</summary>
    public JsonTypeInfo<JsonNode> JsonNode => Get<JsonNode>();

    /// <summary>Metadata for any type the source-generated context knows.</summary>
    public JsonTypeInfo<T> Get<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));
}
