using System.Text.Json;
using ChatKit.Json;

namespace ChatKit.Server;

/// <summary>Parses request bodies, turning every malformed input into a <see cref="ChatKitBadRequestException"/>.</summary>
public static class ChatKitRequestParser
{
    /// <summary>Parses one request body.</summary>
    /// <exception cref="ChatKitBadRequestException">The body is not valid JSON, has an unknown or missing <c>type</c>, or invalid params.</exception>
    public static ChatKitRequest Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            throw new ChatKitBadRequestException("The request body is empty; expected a JSON object with 'type' and 'params'.");
        }

        try
        {
            return JsonSerializer.Deserialize(utf8Json, ChatKitJson.Wire.ChatKitRequest)
                ?? throw new ChatKitBadRequestException("The request body is JSON null; expected an object.");
        }
        // Serializer set-up errors (InvalidOperationException) are bugs, not bad input: they stay 500s.
        catch (Exception e) when (e is JsonException or NotSupportedException or FormatException)
        {
            throw new ChatKitBadRequestException(Diagnose(utf8Json, e), e);
        }
    }

    // The serializer's messages for polymorphic failures are vague; say precisely what is wrong.
    private static string Diagnose(ReadOnlySpan<byte> utf8Json, Exception error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException e)
        {
            return $"The request body is not valid JSON: {e.Message}";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"The request body must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}.";
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return "The request has no string 'type'.";
            }

            var name = type.GetString()!;
            if (!ChatKitRequest.TypeNames.Contains(name))
            {
                return $"Unknown request type '{name}'. Known types: {string.Join(", ", ChatKitRequest.TypeNames)}.";
            }

            if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                return $"'{name}' requires a 'params' object.";
            }

            var detail = error.Message;
            return $"Invalid '{name}' request: {detail}";
        }
    }
}
