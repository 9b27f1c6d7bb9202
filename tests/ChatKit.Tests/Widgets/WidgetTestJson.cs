using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Widgets;

namespace ChatKit.Tests.Widgets;

/// <summary>Semantic JSON comparison for widget tests (key order ignored, readable failure output).</summary>
internal static class WidgetTestJson
{
    public static JsonNode Parse(string json) => JsonNode.Parse(json) ?? throw new InvalidOperationException("null JSON");

    /// <summary>Canonical text: keys sorted recursively, compact.</summary>
    public static string Canonical(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    public static void Equal(string expectedJson, string actualJson) => Equal(Parse(expectedJson), Parse(actualJson));

    public static void Equal(JsonNode? expected, JsonNode? actual) => Assert.Equal(Canonical(expected), Canonical(actual));

    public static void Equal(string expectedJson, WidgetObject actual) => Equal(expectedJson, actual.ToJsonString());

    public static string Wire(ThreadItemUpdate update) => JsonSerializer.Serialize(update, ChatKitJson.Wire.ThreadItemUpdate);

    public static string Wire(ThreadStreamEvent e) => JsonSerializer.Serialize(e, ChatKitJson.Wire.ThreadStreamEvent);

    public static string Wire(ThreadItem item) => JsonSerializer.Serialize(item, ChatKitJson.Wire.ThreadItem);

    private static JsonNode? Sort(JsonNode? node) =>
        node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
            JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
            null => null,
            _ => node.DeepClone(),
        };
}
