using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit.Json;

/// <summary>Source-generated serialization metadata for every protocol type (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowOutOfOrderMetadataProperties = true,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    Converters = [typeof(ChatKitDateTimeConverter)])]
[JsonSerializable(typeof(ChatKitRequest))]
[JsonSerializable(typeof(ThreadStreamEvent))]
[JsonSerializable(typeof(ThreadItem))]
[JsonSerializable(typeof(ThreadItemUpdate))]
[JsonSerializable(typeof(ThreadMetadata))]
[JsonSerializable(typeof(ChatThread))]
[JsonSerializable(typeof(Page<ThreadItem>))]
[JsonSerializable(typeof(Page<ChatThread>))]
[JsonSerializable(typeof(Attachment))]
[JsonSerializable(typeof(SyncCustomActionResponse))]
[JsonSerializable(typeof(TranscriptionResult))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(WorkflowTask))]
[JsonSerializable(typeof(Source))]
[JsonSerializable(typeof(UserMessageContent))]
[JsonSerializable(typeof(StructuredInput))]
[JsonSerializable(typeof(AttachmentCreateParams))]
[JsonSerializable(typeof(CustomAction))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class ChatKitJsonContext : JsonSerializerContext;
