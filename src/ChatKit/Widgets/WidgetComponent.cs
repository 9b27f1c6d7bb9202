using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit.Widgets;

/// <summary>A node of a widget tree, held as JSON so unknown components and props pass through untouched.</summary>
[JsonConverter(typeof(WidgetComponentJsonConverter))]
public class WidgetComponent
{
    /// <summary>Wraps a widget node.</summary>
    /// <exception cref="ArgumentException">The node has no string <c>type</c>.</exception>
    public WidgetComponent(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
        {
            throw new ArgumentException("A widget component needs a string 'type'.", nameof(json));
        }

        Json = json;
    }

    /// <summary>The node's JSON (props are camelCase and written verbatim).</summary>
    public JsonObject Json { get; }

    /// <summary>The component name, e.g. <c>Card</c> or <c>Text</c>.</summary>
    public string Type => Json["type"]!.GetValue<string>();
}

/// <summary>The root of a widget tree: a <c>Card</c>, <c>ListView</c> or <c>Basic</c>.</summary>
[JsonConverter(typeof(WidgetRootJsonConverter))]
public class WidgetRoot : WidgetComponent
{
    /// <summary>Wraps a widget root.</summary>
    /// <exception cref="ArgumentException">The node is not a Card, ListView or Basic.</exception>
    public WidgetRoot(JsonObject json)
        : base(json)
    {
        if (Type is not ("Card" or "ListView" or "Basic"))
        {
            throw new ArgumentException($"A widget root must be a Card, ListView or Basic, not '{Type}'.", nameof(json));
        }
    }
}

/// <summary>Reads a widget node as JSON; writes it dropping null props recursively, as the reference does.</summary>
public sealed class WidgetComponentJsonConverter : JsonConverter<WidgetComponent>
{
    /// <inheritdoc />
    public override WidgetComponent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(WidgetJson.ReadObject(ref reader));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WidgetComponent value, JsonSerializerOptions options) =>
        WidgetJson.WriteWithoutNulls(writer, value.Json);
}

/// <summary>Reads and writes a widget root.</summary>
public sealed class WidgetRootJsonConverter : JsonConverter<WidgetRoot>
{
    /// <inheritdoc />
    public override WidgetRoot Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return new WidgetRoot(WidgetJson.ReadObject(ref reader));
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WidgetRoot value, JsonSerializerOptions options) =>
        WidgetJson.WriteWithoutNulls(writer, value.Json);
}

internal static class WidgetJson
{
    public static JsonObject ReadObject(ref Utf8JsonReader reader) =>
        JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("A widget component must be a JSON object.");

    public static void WriteWithoutNulls(Utf8JsonWriter writer, JsonNode? node)
    {
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
}
