using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>
/// Converts JSON into the template value model, like Python's <c>json.loads</c>: objects become dicts, arrays lists,
/// integers (no fraction or exponent, within 64 bits) <see cref="long"/>, other numbers <see cref="double"/>.
/// </summary>
internal static class JsonValues
{
    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var dict = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    dict[key] = FromNode(value);
                }

                return dict;
            case JsonArray array:
                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(FromNode(item));
                }

                return list;
            case JsonValue value:
                if (value.TryGetValue<JsonElement>(out var element))
                {
                    return FromElement(element);
                }

                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        return value.GetValue<string>();
                    case JsonValueKind.True:
                        return true;
                    case JsonValueKind.False:
                        return false;
                    case JsonValueKind.Null:
                        return null;
                    case JsonValueKind.Number:
                        return ParseNumber(value.ToJsonString());
                }

                break;
        }

        throw new ArgumentException($"Unsupported JSON node: {node}", nameof(node));
    }

    public static object? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    dict[property.Name] = FromElement(property.Value);
                }

                return dict;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromElement(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return ParseNumber(element.GetRawText());
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>Reads the next complete JSON value from <paramref name="reader"/> (positioned on its first token).</summary>
    public static object? FromReader(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    dict[key] = FromReader(ref reader);
                }

                return dict;
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(FromReader(ref reader));
                }

                return list;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var l))
                {
                    return l;
                }

                return reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                return null;
        }
    }

    private static object ParseNumber(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0
            && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
