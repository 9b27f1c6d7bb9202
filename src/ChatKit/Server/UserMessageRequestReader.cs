using System.Text.Json;

namespace ChatKit.Server;

/// <summary>
/// Reads the usual body of <c>threads.create</c> and <c>threads.add_user_message</c> by hand: <c>type</c> first, then
/// <c>params</c> with a thread id and an input of text parts, attachment ids, an optional quoted text and inference
/// options. Through the serializer these bodies take the parameterized-constructor path (init-only members), a fifth
/// of a short turn's CPU. Anything else (another property, a tag, a null, a repeated property, a wrong token, text
/// that is not valid) returns null and the caller parses with the serializer, which also words every error; so this
/// reader never decides that a body is bad.
/// </summary>
internal static class UserMessageRequestReader
{
    public static ChatKitRequest? TryRead(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return Read(utf8Json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Malformed JSON, or text the reader cannot decode (an unpaired surrogate escape, invalid UTF-8).
            return null;
        }
    }

    private static ChatKitRequest? Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject ||
            !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("type"u8) ||
            !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        bool create;
        if (reader.ValueTextEquals("threads.create"u8))
        {
            create = true;
        }
        else if (reader.ValueTextEquals("threads.add_user_message"u8))
        {
            create = false;
        }
        else
        {
            return null;
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("params"u8) ||
            !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? threadId = null;
        UserMessageInput? input = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input"u8) && input is null)
            {
                input = ReadInput(ref reader);
                if (input is null)
                {
                    return null;
                }
            }
            else if (!create && reader.ValueTextEquals("thread_id"u8) && threadId is null)
            {
                threadId = ReadString(ref reader);
                if (threadId is null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        // The end of params, then the end of the body and nothing after it.
        if (reader.TokenType != JsonTokenType.EndObject || input is null || (!create && threadId is null) ||
            !reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null;
        }

        return create
            ? new ThreadsCreateRequest { Params = new ThreadsCreateParams { Input = input } }
            : new ThreadsAddUserMessageRequest { Params = new ThreadsAddUserMessageParams { ThreadId = threadId!, Input = input } };
    }

    private static UserMessageInput? ReadInput(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        List<UserMessageContent>? content = null;
        List<string>? attachments = null;
        string? quotedText = null;
        var quotedSeen = false;
        InferenceOptions? options = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8) && content is null)
            {
                content = ReadContent(ref reader);
                if (content is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("attachments"u8) && attachments is null)
            {
                attachments = ReadStrings(ref reader);
                if (attachments is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("quoted_text"u8) && !quotedSeen)
            {
                quotedSeen = true;
                quotedText = ReadString(ref reader);
                if (quotedText is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("inference_options"u8) && options is null)
            {
                options = ReadInferenceOptions(ref reader);
                if (options is null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        return content is null || attachments is null || options is null
            ? null
            : new UserMessageInput { Content = content, Attachments = attachments, QuotedText = quotedText, InferenceOptions = options };
    }

    // Text parts only: a tag carries free-form data, which the serializer reads.
    private static List<UserMessageContent>? ReadContent(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var parts = new List<UserMessageContent>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("type"u8) ||
                !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("input_text"u8) ||
                !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("text"u8))
            {
                return null;
            }

            var text = ReadString(ref reader);
            if (text is null || !reader.Read() || reader.TokenType != JsonTokenType.EndObject)
            {
                return null;
            }

            parts.Add(new UserMessageTextContent { Text = text });
        }

        return reader.TokenType == JsonTokenType.EndArray ? parts : null;
    }

    private static List<string>? ReadStrings(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            values.Add(reader.GetString()!);
        }

        return reader.TokenType == JsonTokenType.EndArray ? values : null;
    }

    private static InferenceOptions? ReadInferenceOptions(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? toolId = null;
        string? model = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("tool_choice"u8) && toolId is null)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject ||
                    !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("id"u8))
                {
                    return null;
                }

                toolId = ReadString(ref reader);
                if (toolId is null || !reader.Read() || reader.TokenType != JsonTokenType.EndObject)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("model"u8) && model is null)
            {
                model = ReadString(ref reader);
                if (model is null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject
            ? new InferenceOptions { ToolChoice = toolId is null ? null : new ToolChoice { Id = toolId }, Model = model }
            : null;
    }

    // The next value as a string, or null when it is anything else (the serializer decides what that means).
    private static string? ReadString(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
}
