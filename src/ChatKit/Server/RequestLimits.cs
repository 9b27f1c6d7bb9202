using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;

namespace ChatKit.Server;

/// <summary>
/// Checks a parsed request against the size limits of <see cref="ChatKitServerOptions"/> before anything is loaded or
/// stored. A violation is a <see cref="ChatKitLimitExceededException"/> naming the field by its JSON path; the
/// message never repeats the (possibly huge) value.
/// </summary>
internal static class RequestLimits
{
    public static void Validate(ChatKitRequest request, ChatKitServerOptions options)
    {
        switch (request)
        {
            case ThreadsCreateRequest r:
                Input(r.Params.Input, options);
                break;
            case ThreadsAddUserMessageRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                Input(r.Params.Input, options);
                break;
            case ThreadsAddClientToolOutputRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                Json(r.Params.Result, "params.result", options);
                break;
            case ThreadsAddStructuredInputRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                Id(r.Params.ItemId, "params.item_id", options);
                break;
            case ThreadsRetryAfterItemRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                Id(r.Params.ItemId, "params.item_id", options);
                break;
            case ThreadsCustomActionRequest r:
                Action(r.Params, options);
                break;
            case ThreadsSyncCustomActionRequest r:
                Action(r.Params, options);
                break;
            case ThreadsGetByIdRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                break;
            case ThreadsDeleteRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                break;
            case ThreadsStopRunRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                break;
            case ThreadsResumeRunRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                OptionalId(r.Params.After, "params.after", options);
                break;
            case ThreadsListRequest r:
                OptionalId(r.Params.After, "params.after", options);
                break;
            case ThreadsUpdateRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                Length(r.Params.Title, "params.title", options.MaxTitleLength);
                break;
            case ItemsListRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                OptionalId(r.Params.After, "params.after", options);
                break;
            case ItemsFeedbackRequest r:
                Id(r.Params.ThreadId, "params.thread_id", options);
                if (r.Params.ItemIds.Count > options.MaxPageSize)
                {
                    throw new ChatKitLimitExceededException("params.item_ids", Over("params.item_ids", r.Params.ItemIds.Count, options.MaxPageSize, "ids"));
                }

                for (var i = 0; i < r.Params.ItemIds.Count; i++)
                {
                    Id(r.Params.ItemIds[i], $"params.item_ids[{i}]", options);
                }

                break;
            case AttachmentsCreateRequest r:
                Length(r.Params.Name, "params.name", options.MaxTitleLength);
                Length(r.Params.MimeType, "params.mime_type", options.MaxIdLength);
                break;
            case AttachmentsDeleteRequest r:
                Id(r.Params.AttachmentId, "params.attachment_id", options);
                break;
        }
    }

    /// <summary>Refuses an item the request would store when its JSON is larger than <see cref="ChatKitServerOptions.MaxItemBytes"/>.</summary>
    public static void Item(ThreadItem item, string field, ChatKitServerOptions options)
    {
        var bytes = Utf8Length(item, static item => ChatKitJson.StoredItemLength(item), field);
        if (bytes > options.MaxItemBytes)
        {
            throw new ChatKitLimitExceededException(field, Over(field, bytes, options.MaxItemBytes, "bytes of JSON"));
        }
    }

    // The JSON a value would be stored as. Text that cannot be written as UTF-8 (an unpaired surrogate escaped in the
    // request, which the reader accepts) could not be stored either: it is the client's error, not a 500.
    private static int Utf8Length<T>(T value, Func<T, int> length, string field)
    {
        try
        {
            return length(value);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException)
        {
            throw new ChatKitBadRequestException($"'{field}' contains text that is not valid Unicode (an unpaired surrogate).", e);
        }
    }

    private static void Input(UserMessageInput input, ChatKitServerOptions options)
    {
        long text = input.QuotedText?.Length ?? 0;
        foreach (var part in input.Content)
        {
            text += part switch
            {
                UserMessageTextContent t => t.Text.Length,
                UserMessageTagContent t => t.Text.Length + t.Id.Length,
                _ => 0,
            };
        }

        if (text > options.MaxMessageTextLength)
        {
            throw new ChatKitLimitExceededException("params.input.content", Over("params.input.content", text, options.MaxMessageTextLength, "characters of text"));
        }

        var attachments = input.Attachments;
        if (attachments.Count > options.MaxAttachmentsPerMessage)
        {
            throw new ChatKitLimitExceededException("params.input.attachments", Over("params.input.attachments", attachments.Count, options.MaxAttachmentsPerMessage, "attachments"));
        }

        var seen = new HashSet<string>(attachments.Count, StringComparer.Ordinal);
        for (var i = 0; i < attachments.Count; i++)
        {
            var field = $"params.input.attachments[{i}]";
            Id(attachments[i], field, options);
            if (!seen.Add(attachments[i]))
            {
                throw new ChatKitLimitExceededException(field, $"'{field}' repeats an attachment id given earlier; each attachment may be referenced once per message.");
            }
        }
    }

    private static void Action(CustomActionParams p, ChatKitServerOptions options)
    {
        Id(p.ThreadId, "params.thread_id", options);
        OptionalId(p.ItemId, "params.item_id", options);
        Length(p.Action.Type, "params.action.type", options.MaxIdLength);
        Json(p.Action.Payload, "params.action.payload", options);
    }

    private static void Json(JsonNode? value, string field, ChatKitServerOptions options)
    {
        if (value is null)
        {
            return;
        }

        var bytes = Utf8Length(value, static value => JsonSerializer.SerializeToUtf8Bytes(value, ChatKitJson.Wire.JsonNode).Length, field);
        if (bytes > options.MaxItemBytes)
        {
            throw new ChatKitLimitExceededException(field, Over(field, bytes, options.MaxItemBytes, "bytes of JSON"));
        }
    }

    private static void OptionalId(string? id, string field, ChatKitServerOptions options)
    {
        if (id is not null)
        {
            Id(id, field, options);
        }
    }

    private static void Id(string id, string field, ChatKitServerOptions options) => Length(id, field, options.MaxIdLength);

    private static void Length(string value, string field, int limit)
    {
        if (value.Length > limit)
        {
            throw new ChatKitLimitExceededException(field, Over(field, value.Length, limit, "characters"));
        }
    }

    private static string Over(string field, long actual, long limit, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"'{field}' has {actual} {unit}; the limit is {limit}.");
}
