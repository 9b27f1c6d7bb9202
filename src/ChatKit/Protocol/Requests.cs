using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit;

/// <summary>A request to the ChatKit endpoint, selected by its <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ThreadsCreateRequest), ThreadsCreateRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsAddUserMessageRequest), ThreadsAddUserMessageRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsAddClientToolOutputRequest), ThreadsAddClientToolOutputRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsAddStructuredInputRequest), ThreadsAddStructuredInputRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsRetryAfterItemRequest), ThreadsRetryAfterItemRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsCustomActionRequest), ThreadsCustomActionRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsSyncCustomActionRequest), ThreadsSyncCustomActionRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsGetByIdRequest), ThreadsGetByIdRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsListRequest), ThreadsListRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsUpdateRequest), ThreadsUpdateRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsDeleteRequest), ThreadsDeleteRequest.TypeName)]
[JsonDerivedType(typeof(ItemsListRequest), ItemsListRequest.TypeName)]
[JsonDerivedType(typeof(ItemsFeedbackRequest), ItemsFeedbackRequest.TypeName)]
[JsonDerivedType(typeof(AttachmentsCreateRequest), AttachmentsCreateRequest.TypeName)]
[JsonDerivedType(typeof(AttachmentsDeleteRequest), AttachmentsDeleteRequest.TypeName)]
[JsonDerivedType(typeof(InputTranscribeRequest), InputTranscribeRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsStopRunRequest), ThreadsStopRunRequest.TypeName)]
[JsonDerivedType(typeof(ThreadsResumeRunRequest), ThreadsResumeRunRequest.TypeName)]
public abstract class ChatKitRequest
{
    private protected ChatKitRequest()
    {
    }

    /// <summary>Every request type, in protocol order.</summary>
    public static IReadOnlyList<string> TypeNames { get; } =
    [
        ThreadsCreateRequest.TypeName, ThreadsAddUserMessageRequest.TypeName, ThreadsAddClientToolOutputRequest.TypeName,
        ThreadsAddStructuredInputRequest.TypeName, ThreadsRetryAfterItemRequest.TypeName, ThreadsCustomActionRequest.TypeName,
        ThreadsSyncCustomActionRequest.TypeName, ThreadsGetByIdRequest.TypeName, ThreadsListRequest.TypeName,
        ThreadsUpdateRequest.TypeName, ThreadsDeleteRequest.TypeName, ItemsListRequest.TypeName, ItemsFeedbackRequest.TypeName,
        AttachmentsCreateRequest.TypeName, AttachmentsDeleteRequest.TypeName, InputTranscribeRequest.TypeName,
        ThreadsStopRunRequest.TypeName, ThreadsResumeRunRequest.TypeName,
    ];

    /// <summary>The request type, e.g. <c>threads.create</c>.</summary>
    [JsonIgnore]
    public abstract string Type { get; }

    /// <summary>Whether the response is an SSE stream (fixed by the type).</summary>
    [JsonIgnore]
    public abstract bool IsStreaming { get; }

    /// <summary>The thread the request targets, if any (for logging and tracing).</summary>
    [JsonIgnore]
    public virtual string? ThreadId => null;

    /// <summary>Integration-specific metadata; not used by built-in handlers.</summary>
    public JsonObject? Metadata { get; init; }
}

/// <summary>What the user typed (text, tags), attached and picked.</summary>
public sealed class UserMessageInput
{
    /// <summary>Text and tags; may be empty.</summary>
    public required IReadOnlyList<UserMessageContent> Content { get; init; }

    /// <summary>Ids of attachments already created or uploaded.</summary>
    public required IReadOnlyList<string> Attachments { get; init; }

    /// <summary>The text the user replies to.</summary>
    public string? QuotedText { get; init; }

    /// <summary>Tool and model picked; <c>{}</c> when none.</summary>
    public required InferenceOptions InferenceOptions { get; init; }
}

/// <summary>Creates a thread with a first message (streams).</summary>
public sealed class ThreadsCreateRequest() : StreamingRequest<ThreadsCreateParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.create";
}

/// <summary>Parameters of <c>threads.create</c>.</summary>
public sealed class ThreadsCreateParams
{
    /// <summary>The first message.</summary>
    public required UserMessageInput Input { get; init; }
}

/// <summary>Adds a user message to a thread (streams).</summary>
public sealed class ThreadsAddUserMessageRequest() : StreamingRequest<ThreadsAddUserMessageParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.add_user_message";
}

/// <summary>Parameters of <c>threads.add_user_message</c>.</summary>
public sealed class ThreadsAddUserMessageParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The message.</summary>
    public required UserMessageInput Input { get; init; }
}

/// <summary>Delivers the result of a client tool call and resumes the turn (streams).</summary>
public sealed class ThreadsAddClientToolOutputRequest() : StreamingRequest<ThreadsAddClientToolOutputParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.add_client_tool_output";
}

/// <summary>Parameters of <c>threads.add_client_tool_output</c>.</summary>
public sealed class ThreadsAddClientToolOutputParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>What the client tool returned (any JSON, may be null; the key must be present).</summary>
    public required JsonNode? Result { get; init; }
}

/// <summary>Answers a pending structured input item (streams).</summary>
public sealed class ThreadsAddStructuredInputRequest() : StreamingRequest<ThreadsAddStructuredInputParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.add_structured_input";
}

/// <summary>Parameters of <c>threads.add_structured_input</c>.</summary>
public sealed class ThreadsAddStructuredInputParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The pending structured input item.</summary>
    public required string ItemId { get; init; }

    /// <summary>The answers.</summary>
    public required StructuredInputSubmission Input { get; init; }
}

/// <summary>The user's answers to a structured input.</summary>
public sealed class StructuredInputSubmission
{
    /// <summary>Answered (default) or skipped.</summary>
    public StructuredInputStatus Status { get; set; } = StructuredInputStatus.Answered;

    /// <summary>Question id to answer.</summary>
    public Dictionary<string, StructuredInputAnswer> Answers { get; set; } = [];
}

/// <summary>Deletes everything after a user message and answers it again (streams).</summary>
public sealed class ThreadsRetryAfterItemRequest() : StreamingRequest<ThreadItemParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.retry_after_item";
}

/// <summary>Parameters naming a thread and one of its items.</summary>
public sealed class ThreadItemParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The item.</summary>
    public required string ItemId { get; init; }
}

/// <summary>An action from a widget or the page (<c>sendCustomAction</c>): only its type and payload reach the server.</summary>
public sealed class CustomAction
{
    /// <summary>The application-defined action name.</summary>
    public required string Type { get; init; }

    /// <summary>The payload (free-form; form values merged in by the client).</summary>
    public JsonNode? Payload { get; init; }
}

/// <summary>Runs a widget or page action, streaming its events.</summary>
public sealed class ThreadsCustomActionRequest() : StreamingRequest<CustomActionParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.custom_action";
}

/// <summary>Runs a widget action and returns the updated widget item (JSON).</summary>
public sealed class ThreadsSyncCustomActionRequest() : JsonRequest<CustomActionParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.sync_custom_action";
}

/// <summary>Parameters of the two action requests.</summary>
public sealed class CustomActionParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The widget item that fired the action, if any.</summary>
    public string? ItemId { get; init; }

    /// <summary>The action.</summary>
    public required CustomAction Action { get; init; }
}

/// <summary>Loads a thread with its oldest items.</summary>
public sealed class ThreadsGetByIdRequest() : JsonRequest<ThreadIdParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.get_by_id";
}

/// <summary>Deletes a thread and its items.</summary>
public sealed class ThreadsDeleteRequest() : JsonRequest<ThreadIdParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.delete";
}

/// <summary>Parameters naming one thread.</summary>
public sealed class ThreadIdParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }
}

/// <summary>Lists the user's threads.</summary>
public sealed class ThreadsListRequest() : JsonRequest<ListParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.list";
}

/// <summary>Paging parameters.</summary>
public sealed class ListParams
{
    /// <summary>Page size; null or 0 means 20.</summary>
    public int? Limit { get; init; }

    /// <summary>Newest first by default.</summary>
    public SortOrder? Order { get; init; }

    /// <summary>The id to start after.</summary>
    public string? After { get; init; }
}

/// <summary>Renames a thread.</summary>
public sealed class ThreadsUpdateRequest() : JsonRequest<ThreadsUpdateParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.update";
}

/// <summary>Parameters of <c>threads.update</c>.</summary>
public sealed class ThreadsUpdateParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The new title (may be empty, not null).</summary>
    public required string Title { get; init; }
}

/// <summary>Lists a thread's items.</summary>
public sealed class ItemsListRequest() : JsonRequest<ItemsListParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "items.list";
}

/// <summary>Parameters of <c>items.list</c>.</summary>
public sealed class ItemsListParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>Page size; null or 0 means 20.</summary>
    public int? Limit { get; init; }

    /// <summary>Newest first by default.</summary>
    public SortOrder? Order { get; init; }

    /// <summary>The item id to start after.</summary>
    public string? After { get; init; }
}

/// <summary>Thumbs up or down.</summary>
[JsonConverter(typeof(ChatKit.Json.StrictStringEnumConverter<FeedbackKind>))]
public enum FeedbackKind
{
    /// <summary>Thumbs up.</summary>
    [JsonStringEnumMemberName("positive")] Positive,

    /// <summary>Thumbs down.</summary>
    [JsonStringEnumMemberName("negative")] Negative,
}

/// <summary>Records feedback on items.</summary>
public sealed class ItemsFeedbackRequest() : JsonRequest<ItemsFeedbackParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "items.feedback";
}

/// <summary>Parameters of <c>items.feedback</c>.</summary>
public sealed class ItemsFeedbackParams : IThreadParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The items rated.</summary>
    public required IReadOnlyList<string> ItemIds { get; init; }

    /// <summary>Positive or negative.</summary>
    public required FeedbackKind Kind { get; init; }
}

/// <summary>Starts a two-phase upload.</summary>
public sealed class AttachmentsCreateRequest() : JsonRequest<AttachmentCreateParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "attachments.create";
}

/// <summary>Parameters of <c>attachments.create</c>.</summary>
public sealed class AttachmentCreateParams
{
    /// <summary>The original file name.</summary>
    public required string Name { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The MIME type.</summary>
    public required string MimeType { get; init; }
}

/// <summary>Deletes an attachment.</summary>
public sealed class AttachmentsDeleteRequest() : JsonRequest<AttachmentIdParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "attachments.delete";
}

/// <summary>Parameters naming an attachment.</summary>
public sealed class AttachmentIdParams
{
    /// <summary>The attachment.</summary>
    public required string AttachmentId { get; init; }
}

/// <summary>Transcribes dictated audio.</summary>
public sealed class InputTranscribeRequest() : JsonRequest<TranscribeParams>(TypeName)
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "input.transcribe";
}

/// <summary>Parameters of <c>input.transcribe</c>.</summary>
public sealed class TranscribeParams
{
    /// <summary>Base64 audio.</summary>
    public required string AudioBase64 { get; init; }

    /// <summary>The raw MIME type, parameters included (e.g. <c>audio/webm;codecs=opus</c>).</summary>
    public required string MimeType { get; init; }
}
