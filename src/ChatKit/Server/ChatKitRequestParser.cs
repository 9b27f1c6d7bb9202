using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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

        // The usual body of a turn is read by hand; anything else, valid or not, goes to the serializer.
        if (UserMessageRequestReader.TryRead(utf8Json) is { } common)
        {
            return common;
        }

        return ParseWithSerializer(utf8Json);
    }

    // The general path; internal so tests can compare it with the hand-written reader.
    internal static ChatKitRequest ParseWithSerializer(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var concrete = LeadingType(utf8Json);
            return (concrete is null
                    ? JsonSerializer.Deserialize(utf8Json, ChatKitJson.Wire.ChatKitRequest)
                    : (ChatKitRequest?)JsonSerializer.Deserialize(utf8Json, concrete))
                ?? throw new ChatKitBadRequestException("The request body is JSON null; expected an object.");
        }
        // Serializer set-up errors (InvalidOperationException) are bugs, not bad input: they stay 500s.
        catch (Exception e) when (e is JsonException or NotSupportedException or FormatException)
        {
            throw new ChatKitBadRequestException(Diagnose(utf8Json, e), e);
        }
    }

    // Clients put "type" first. Then the request type's own contract reads the body: the polymorphic contract has to
    // look ahead for the discriminator and read the object twice, which made parsing the costliest step of a list
    // request. Anything else (type elsewhere, unknown, not a string, malformed) takes the polymorphic path, which
    // also produces the precise errors.
    private static JsonTypeInfo? LeadingType(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject ||
                !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("type"u8) ||
                !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return null;
            }

            JsonTypeInfo? found = null;
            foreach (var (name, typeInfo) in ConcreteTypes.Value)
            {
                if (reader.ValueTextEquals(name))
                {
                    found = typeInfo;
                    break;
                }
            }

            // A second "type" is ambiguous: the polymorphic path rejects it, so it must not be silently ignored here.
            while (found is not null && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    return null;
                }

                reader.Read();
                reader.Skip();
            }

            return found;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the reader cannot compare a string holding an unpaired surrogate escape.
            return null;
        }
    }

    private static readonly Lazy<(byte[] Name, JsonTypeInfo TypeInfo)[]> ConcreteTypes = new(() =>
    [
        .. ChatKitJson.Wire.ChatKitRequest.PolymorphismOptions!.DerivedTypes.Select(derived => (
            System.Text.Encoding.UTF8.GetBytes((string)derived.TypeDiscriminator!),
            ChatKitJson.Wire.Options.GetTypeInfo(derived.DerivedType))),
    ]);

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

            // An escaped unpaired surrogate is valid JSON but not text: reading it as a string throws.
            if (!TryGetText(type, out var name))
            {
                return "The request's 'type' is not valid text (it holds an unpaired surrogate escape).";
            }

            if (!ChatKitRequest.TypeNames.Contains(name))
            {
                // The name is echoed only when short: an error must not return the client's input at any size.
                var shown = name.Length <= 64 ? $" '{name}'" : string.Empty;
                return $"Unknown request type{shown}. Known types: {string.Join(", ", ChatKitRequest.TypeNames)}.";
            }

            if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                return $"'{name}' requires a 'params' object.";
            }

            var contract = ConcreteTypes.Value.First(t => System.Text.Encoding.UTF8.GetString(t.Name) == name).TypeInfo;
            return $"Invalid '{name}' request: {JsonErrorText.Describe(error, contract)}";
        }
    }

    private static bool TryGetText(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }
}
