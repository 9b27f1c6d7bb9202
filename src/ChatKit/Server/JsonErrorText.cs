using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace ChatKit.Server;

/// <summary>
/// Words a deserialization failure for the client: the JSON path of the bad value and the JSON type expected there,
/// found by walking the request's contract. The serializer's own messages name .NET types
/// ("could not be converted to ChatKit.ThreadsUpdateParams"), which say nothing to a client and expose internals.
/// </summary>
internal static partial class JsonErrorText
{
    private const int MaxPathLength = 200;

    public static string Describe(Exception error, JsonTypeInfo request)
    {
        var message = error.Message;
        var inMessage = PathInMessage().Match(message);
        var path = (error as JsonException)?.Path ?? (inMessage.Success ? inMessage.Groups[1].Value : null);
        var field = path is null ? null : Field(path);
        if (!NamesDotNetType().IsMatch(message))
        {
            // Our own converters' messages (e.g. "'params.input.content[0]' must not be null.") already speak JSON;
            // the serializer's other ones get the path in front instead of its line and byte position behind.
            var text = Bounded(PositionSuffix().Replace(message, string.Empty).TrimEnd());
            return field is null or "" || text.StartsWith('\'') ? text : $"'{field}': {text}";
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return field is null or ""
                ? $"The request is missing required properties: {Bounded(missing.Groups[1].Value)}."
                : $"'{field}' is missing required properties: {Bounded(missing.Groups[1].Value)}.";
        }

        if (field is null)
        {
            return "A value has the wrong JSON type.";
        }

        return Expected(request, path!) is { } expected
            ? $"'{field}' must be {expected}."
            : $"'{field}' has a value of the wrong JSON type.";
    }

    private static string Field(string path)
    {
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return Bounded(field);
    }

    private static string Bounded(string text) => text.Length <= MaxPathLength ? text : string.Concat(text.AsSpan(0, MaxPathLength), "…");

    // Follows the path's property names and indexes through the contract; null when it leaves what the contract knows.
    private static string? Expected(JsonTypeInfo root, string path)
    {
        var current = root;
        foreach (Match segment in Segment().Matches(path))
        {
            if (segment.Groups["index"].Success)
            {
                if (current.ElementType is not { } element)
                {
                    return null;
                }

                current = current.Options.GetTypeInfo(element);
                continue;
            }

            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
            if (current.Kind == JsonTypeInfoKind.Dictionary && current.ElementType is { } value)
            {
                current = current.Options.GetTypeInfo(value);
                continue;
            }

            var property = current.Properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                return null;
            }

            current = current.Options.GetTypeInfo(property.PropertyType);
        }

        return KindOf(current);
    }

    private static string KindOf(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type == typeof(string) || type.IsEnum || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return "a number";
        }

        if (typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement))
        {
            return type == typeof(JsonObject) ? "an object" : type == typeof(JsonArray) ? "an array" : "a JSON value";
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Dictionary => "an object",
            _ when info.PolymorphismOptions is not null => "an object with a known 'type'",
            _ => "an object",
        };
    }

    [GeneratedRegex(@"\b(ChatKit|System)\.[A-Za-z]")]
    private static partial Regex NamesDotNetType();

    [GeneratedRegex(@"Path: (\$[^ |]*)")]
    private static partial Regex PathInMessage();

    [GeneratedRegex(@" ?(Path: \$[^|]*)?\| LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex PositionSuffix();

    [GeneratedRegex(@"missing required properties including: (.+?)\.?(?: Path:|$)", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}
