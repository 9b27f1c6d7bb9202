using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ChatKit.Json;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>Conversions between ChatKit's free-form JSON and Microsoft.Extensions.AI argument dictionaries, without reflection.</summary>
internal static class AIJson
{
    // Readable text for the model: no escaping of non-ASCII characters.
    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Compact, readable JSON of tool values (the default AI options indent).
    private static readonly JsonSerializerOptions ValueOptions = CreateValueOptions();

    private static JsonTypeInfo<object?> ObjectInfo => (JsonTypeInfo<object?>)ValueOptions.GetTypeInfo(typeof(object));

    private static JsonSerializerOptions CreateValueOptions()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions)
        {
            WriteIndented = false,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Tool-call arguments as ChatKit keeps them (keys untouched).</summary>
    public static JsonObject ToJsonObject(IDictionary<string, object?>? arguments)
    {
        var result = new JsonObject();
        if (arguments is null)
        {
            return result;
        }

        foreach (var (key, value) in arguments)
        {
            result[key] = ToNode(value);
        }

        return result;
    }

    /// <summary>A JSON object as an argument dictionary whose values are <see cref="JsonElement"/>s.</summary>
    public static Dictionary<string, object?> ToDictionary(JsonObject? arguments)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (arguments is null)
        {
            return result;
        }

        foreach (var (key, value) in arguments)
        {
            result[key] = ToElement(value);
        }

        return result;
    }

    /// <summary>Any JSON value (null stays null) as a <see cref="JsonElement"/> a chat client can serialize.</summary>
    public static object? ToElement(JsonNode? node) =>
        node is null ? null : JsonSerializer.SerializeToElement(node, ChatKitJsonContext.Default.JsonNode);

    /// <summary>Any value a tool or model produced, as a JSON node.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        string s => JsonValue.Create(s),
        _ => JsonSerializer.SerializeToNode(value, ObjectInfo),
    };

    /// <summary>Compact JSON text of a node (<c>null</c> for null).</summary>
    public static string ToText(JsonNode? node) =>
        node is null ? "null" : node.ToJsonString(TextOptions);

    /// <summary>Compact JSON text of any value.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "null",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } text => text.GetString()!,
        JsonNode node => ToText(node),
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(value, ObjectInfo),
    };
}
