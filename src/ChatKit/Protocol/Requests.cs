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
public sealed class ThreadsCreateRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.create";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => true;

    /// <summary>The parameters.</summary>
    public required ThreadsCreateParams Params { get; init; }
}

/// <summary>Parameters of <c>threads.create</c>.</summary>
public sealed class ThreadsCreateParams
{
    /// <summary>The first message.</summary>
    public required UserMessageInput Input { get; init; }
}

/// <summary>Adds a user message to a thread (streams).</summary>
public sealed class ThreadsAddUserMessageRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.add_user_message";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => true;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required ThreadsAddUserMessageParams Params { get; init; }
}

/// <summary>Parameters of <c>threads.add_user_message</c>.</summary>
public sealed class ThreadsAddUserMessageParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The message.</summary>
    public required UserMessageInput Input { get; init; }
}

/// <summary>Delivers the result of a client tool call and resumes the turn (streams).</summary>
public sealed class ThreadsAddClientToolOutputRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.add_client_tool_output";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => true;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required ThreadsAddClientToolOutputParams Params { get; init; }
}

/// <summary>Parameters of <c>threads.add_client_tool_output</c>.</summary>
public sealed class ThreadsAddClientToolOutputParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>What the client tool returned (any JSON, may be null; the key must be present).</summary>
    public required JsonNode? Result { get; init; }
}

/// <summary>Answers a pending structured input item (streams).</summary>
public sealed class ThreadsAddStructuredInputRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.add_structured_input";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => true;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required ThreadsAddStructuredInputParams Params { get; init; }
}

/// <summary>Parameters of <c>threads.add_structured_input</c>.</summary>
public sealed class ThreadsAddStructuredInputParams
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
    public StructuredInputStatus Status { get; init; } = StructuredInputStatus.Answered;

    /// <summary>Question id to answer.</summary>
    public Dictionary<string, StructuredInputAnswer> Answers { get; init; } = [];
}

/// <summary>Deletes everything after a user message and answers it again (streams).</summary>
public sealed class ThreadsRetryAfterItemRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.retry_after_item";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => true;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required ThreadItemParams Params { get; init; }
}

/// <summary>Parameters naming a thread and one of its items.</summary>
public sealed class ThreadItemParams
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
public sealed class ThreadsCustomActionRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.custom_action";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => true;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required CustomActionParams Params { get; init; }
}

/// <summary>Runs a widget action and returns the updated widget item (JSON).</summary>
public sealed class ThreadsSyncCustomActionRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.sync_custom_action";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required CustomActionParams Params { get; init; }
}

/// <summary>Parameters of the two action requests.</summary>
public sealed class CustomActionParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The widget item that fired the action, if any.</summary>
    public string? ItemId { get; init; }

    /// <summary>The action.</summary>
    public required CustomAction Action { get; init; }
}

/// <summary>Loads a thread with its oldest items.</summary>
public sealed class ThreadsGetByIdRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.get_by_id";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required ThreadIdParams Params { get; init; }
}

/// <summary>Deletes a thread and its items.</summary>
public sealed class ThreadsDeleteRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.delete";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required ThreadIdParams Params { get; init; }
}

/// <summary>Parameters naming one thread.</summary>
public sealed class ThreadIdParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }
}

/// <summary>Lists the user's threads.</summary>
public sealed class ThreadsListRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.list";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <summary>The parameters.</summary>
    public required ListParams Params { get; init; }
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
public sealed class ThreadsUpdateRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "threads.update";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required ThreadsUpdateParams Params { get; init; }
}

/// <summary>Parameters of <c>threads.update</c>.</summary>
public sealed class ThreadsUpdateParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The new title (may be empty, not null).</summary>
    public required string Title { get; init; }
}

/// <summary>Lists a thread's items.</summary>
public sealed class ItemsListRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "items.list";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required ItemsListParams Params { get; init; }
}

/// <summary>Parameters of <c>items.list</c>.</summary>
public sealed class ItemsListParams
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
[JsonConverter(typeof(JsonStringEnumConverter<FeedbackKind>))]
public enum FeedbackKind
{
    /// <summary>Thumbs up.</summary>
    [JsonStringEnumMemberName("positive")] Positive,

    /// <summary>Thumbs down.</summary>
    [JsonStringEnumMemberName("negative")] Negative,
}

/// <summary>Records feedback on items.</summary>
public sealed class ItemsFeedbackRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "items.feedback";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? ThreadId => Params.ThreadId;

    /// <summary>The parameters.</summary>
    public required ItemsFeedbackParams Params { get; init; }
}

/// <summary>Parameters of <c>items.feedback</c>.</summary>
public sealed class ItemsFeedbackParams
{
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }

    /// <summary>The items rated.</summary>
    public required IReadOnlyList<string> ItemIds { get; init; }

    /// <summary>Positive or negative.</summary>
    public required FeedbackKind Kind { get; init; }
}

/// <summary>Starts a two-phase upload.</summary>
public sealed class AttachmentsCreateRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "attachments.create";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <summary>The parameters.</summary>
    public required AttachmentCreateParams Params { get; init; }
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
public sealed class AttachmentsDeleteRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "attachments.delete";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <summary>The parameters.</summary>
    public required AttachmentIdParams Params { get; init; }
}

/// <summary>Parameters naming an attachment.</summary>
public sealed class AttachmentIdParams
{
    /// <summary>The attachment.</summary>
    public required string AttachmentId { get; init; }
}

/// <summary>Transcribes dictated audio.</summary>
public sealed class InputTranscribeRequest : ChatKitRequest
{
    /// <summary>The wire type.</summary>
    public const string TypeName = "input.transcribe";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override bool IsStreaming => false;

    /// <summary>The parameters.</summary>
    public required TranscribeParams Params { get; init; }
}

/// <summary>Parameters of <c>input.transcribe</c>.</summary>
public sealed class TranscribeParams
{
    /// <summary>Base64 audio.</summary>
    public required string AudioBase64 { get; init; }

    /// <summary>The raw MIME type, parameters included (e.g. <c>audio/webm;codecs=opus</c>).</summary>
    public required string MimeType { get; init; }
}
