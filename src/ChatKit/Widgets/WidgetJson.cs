using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets;

/// <summary>JSON helpers shared by the widget types: null dropping, comparison, cloning.</summary>
public static class WidgetJson
{
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="node"/> dropping null props and null array elements recursively, as the reference does.</summary>
    public static void WriteWithoutNulls(Utf8JsonWriter writer, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    writer.WritePropertyName(name);
                    WriteWithoutNulls(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var element in array)
                {
                    if (element is not null)
                    {
                        WriteWithoutNulls(writer, element);
                    }
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>The compact JSON text of <paramref name="node"/> with nulls dropped recursively.</summary>
    public static string ToJsonString(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
        {
            WriteWithoutNulls(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A deep copy of <paramref name="node"/> without null props or null array elements.</summary>
    public static JsonNode? WithoutNulls(JsonNode? node) =>
        node switch
        {
            null => null,
            JsonObject obj => DropNulls(obj),
            JsonArray array => DropNulls(array),
            _ => node.DeepClone(),
        };

    /// <summary>
    /// Whether two JSON values are equal as the widget wire sees them: null props and null array elements are ignored,
    /// prop order is ignored, numbers compare by value (<c>1</c> equals <c>1.0</c>).
    /// </summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        switch (a)
        {
            case JsonObject oa:
                if (b is not JsonObject ob)
                {
                    return false;
                }

                // Every non-null prop of a must equal b's; then b must have no other non-null prop.
                var matched = 0;
                foreach (var (name, va) in oa)
                {
                    if (va is null)
                    {
                        continue;
                    }

                    if (!ob.TryGetPropertyValue(name, out var vb) || !DeepEquals(va, vb))
                    {
                        return false;
                    }

                    matched++;
                }

                return CountNonNull(ob) == matched;
            case JsonArray aa:
                if (b is not JsonArray ab)
                {
                    return false;
                }

                int i = 0, j = 0;
                while (true)
                {
                    while (i < aa.Count && aa[i] is null)
                    {
                        i++;
                    }

                    while (j < ab.Count && ab[j] is null)
                    {
                        j++;
                    }

                    if (i == aa.Count || j == ab.Count)
                    {
                        return i == aa.Count && j == ab.Count;
                    }

                    if (!DeepEquals(aa[i], ab[j]))
                    {
                        return false;
                    }

                    i++;
                    j++;
                }

            default:
                if (b is JsonObject or JsonArray)
                {
                    return false;
                }

                return JsonNode.DeepEquals(a, b);
        }
    }

    /// <summary>Python-style truthiness of a JSON value (absent, null, false, 0, "", [] and {} are false).</summary>
    public static bool IsTruthy(JsonNode? node) =>
        node switch
        {
            null => false,
            JsonObject o => o.Count > 0,
            JsonArray a => a.Count > 0,
            _ => node.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.String => node.GetValue<string>().Length > 0,
                JsonValueKind.Number => GetDouble(node.AsValue()) != 0,
                _ => false,
            },
        };

    /// <summary>Whether <paramref name="node"/> is the JSON string <paramref name="value"/> (no allocation for parsed values).</summary>
    internal static bool IsString(JsonNode? node, string value)
    {
        if (node is not JsonValue v)
        {
            return false;
        }

        if (v.TryGetValue<JsonElement>(out var e))
        {
            return e.ValueKind == JsonValueKind.String && e.ValueEquals(value);
        }

        return v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == value;
    }

    /// <summary>Returns the node itself when it has no parent, otherwise a deep copy (a JSON node has one parent).</summary>
    internal static JsonNode Adopt(JsonNode node) => node.Parent is null ? node : node.DeepClone();

    internal static double GetDouble(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<JsonElement>(out var e))
        {
            return e.GetDouble();
        }

        return value.TryGetValue<int>(out var i) ? i
            : value.TryGetValue<long>(out var l) ? l
            : value.TryGetValue<float>(out var f) ? f
            : value.TryGetValue<decimal>(out var m) ? (double)m
            : value.TryGetValue<short>(out var s) ? s
            : value.TryGetValue<uint>(out var ui) ? ui
            : value.TryGetValue<ulong>(out var ul) ? ul
            : value.TryGetValue<byte>(out var by) ? by
            : JsonElement.Parse(value.ToJsonString()).GetDouble();
    }

    internal static string Preview(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        var text = node.ToJsonString();
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    internal static int CountNonNull(JsonObject obj)
    {
        var count = 0;
        foreach (var property in obj)
        {
            if (property.Value is not null)
            {
                count++;
            }
        }

        return count;
    }

    private static JsonObject DropNulls(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (value is not null)
            {
                copy[name] = WithoutNulls(value);
            }
        }

        return copy;
    }

    private static JsonArray DropNulls(JsonArray array)
    {
        var copy = new JsonArray();
        foreach (var element in array)
        {
            if (element is not null)
            {
                copy.Add(WithoutNulls(element));
            }
        }

        return copy;
    }
}
