using System.Text.Json.Nodes;
using ChatKit.Testing;
using ChatKit.Widgets.Templates;
using static ChatKit.Tests.Widgets.Templates.TemplateTestHelpers;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>Data is validated against the file's jsonSchema before rendering, with JSON paths in the errors.</summary>
public sealed class DataValidationTests
{
    private static WidgetTemplate ListView(WidgetTemplateOptions? options = null) =>
        WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/list_view_with_data.widget"), options);

    private static WidgetDataValidationException Invalid(WidgetTemplate template, string data) =>
        Assert.Throws<WidgetDataValidationException>(() => template.Render(Obj(data)));

    [Fact]
    public void WrongTypeNamesThePath()
    {
        var e = Invalid(ListView(), """{"items":[{"id":"a","label":"A","color":"blue-500"},{"id":"b","label":"B","color":"blue-500"},{"id":"c","label":42,"color":"blue-500"}]}""");

        var error = Assert.Single(e.Errors);
        Assert.Equal("$.items[2].label", error.Path);
        Assert.Equal("expected string, got number (42)", error.Message);
        Assert.Contains("$.items[2].label: expected string, got number (42)", e.Message, StringComparison.Ordinal);
        Assert.Contains("list_view_with_data.widget", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredProperty()
    {
        var e = Invalid(ListView(), """{"items":[{"id":"a","label":"A"}]}""");
        Assert.Equal("$.items[0]: missing required property 'color'", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void AdditionalPropertyIsRejected()
    {
        var e = Invalid(ListView(), """{"items":[],"extra":true}""");
        Assert.Equal("$.extra: property is not allowed by the schema (additionalProperties is false)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void EnumViolationListsTheAllowedValues()
    {
        var e = Invalid(ListView(), """{"items":[{"id":"a","label":"A","color":"green-500"}]}""");
        Assert.Equal("$.items[0].color: \"green-500\" is not one of \"blue-500\", \"orange-500\", \"purple-500\"", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void AllErrorsAreReported()
    {
        var e = Invalid(ListView(), """{"items":[{"id":1,"label":"A","color":"blue-500"},"oops"]}""");
        Assert.Equal(["$.items[0].id", "$.items[1]"], e.Errors.Select(x => x.Path));
        Assert.Contains("2 errors", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoDataIsValidatedAsAnEmptyObject()
    {
        var basic = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/basic_root.widget"));
        var e = Assert.Throws<WidgetDataValidationException>(() => basic.Render(null));
        Assert.Equal(["$: missing required property 'name'", "$: missing required property 'bio'"], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void MinLengthViolation()
    {
        var basic = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/basic_root.widget"));
        var e = Assert.Throws<WidgetDataValidationException>(() => basic.Render(Obj("""{"name":"","bio":"x"}""")));
        Assert.Equal("$.name: string is shorter than minLength 1 (length 0)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void ValidationCanBeTurnedOff()
    {
        var template = ListView(new WidgetTemplateOptions { ValidateData = false });
        var rendered = template.Render(Obj("""{"items":[{"id":"a","label":"A","color":"green-500","extra":1}]}"""));
        Assert.Equal("green-500", rendered["children"]![0]!["children"]![0]!["background"]!.GetValue<string>());
    }

    [Fact]
    public void TypedDataIsValidatedToo()
    {
        var data = new LineListData([new LineItem("a", "A", "green-500")]);
        var e = Assert.Throws<WidgetDataValidationException>(() => ListView().Render(data, TemplateTestJsonContext.Default.LineListData));
        Assert.Equal("$.items[0].color", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void TemplatesWithoutSchemaAreNotValidated()
    {
        var rendered = Widget("""{"type":"Card","children":[],"x":{{ anything | tojson }}}""").Render(Obj("""{"anything":[1]}"""));
        AssertJsonEqual(JsonNode.Parse("[1]"), rendered["x"]);
    }

    [Fact]
    public void InvalidSchemaFailsAtLoad()
    {
        var e = Assert.Throws<WidgetTemplateException>(() => Widget("""{"type":"Card","children":[]}""", """{"$ref":"#/definitions/nope"}"""));
        Assert.Contains("$ref '#/definitions/nope'", e.Message, StringComparison.Ordinal);
    }
}
