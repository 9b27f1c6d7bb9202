using System.Text.Json.Nodes;
using ChatKit.Widgets.Templates;
using ChatKit.Widgets.Templates.Jinja;

namespace ChatKit.Tests.Widgets.Templates;

internal static class TemplateTestHelpers
{
    /// <summary>Renders a raw Jinja template with variables given as a JSON object text.</summary>
    public static string Render(string template, string dataJson = "{}")
    {
        var variables = (Dictionary<string, object?>)JsonValues.FromNode(JsonNode.Parse(dataJson))!;
        return JinjaTemplate.Compile(template, "test.widget").Render(variables);
    }

    /// <summary>Builds the JSON text of a <c>.widget</c> file.</summary>
    public static string WidgetJson(string template, JsonObject? schema = null, string version = "1.0", string name = "Test widget")
    {
        var definition = new JsonObject
        {
            ["version"] = version,
            ["name"] = name,
            ["template"] = template,
        };
        if (schema is not null)
        {
            definition["jsonSchema"] = schema;
        }

        return definition.ToJsonString();
    }

    public static WidgetTemplate Widget(string template, string? schemaJson = null, WidgetTemplateOptions? options = null) =>
        WidgetTemplate.Parse(WidgetJson(template, schemaJson is null ? null : JsonNode.Parse(schemaJson)!.AsObject()), options);

    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    public static void AssertJsonEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"JSON differs.{Environment.NewLine}expected: {expected?.ToJsonString()}{Environment.NewLine}actual:   {actual?.ToJsonString()}");
}
