using System.Text.Json.Nodes;
using ChatKit.Testing;
using ChatKit.Widgets.Templates;
using static ChatKit.Tests.Widgets.Templates.TemplateTestHelpers;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>
/// With <see cref="WidgetTemplateOptions.ValidateData"/> on, data is validated against the file's jsonSchema before
/// rendering, with JSON paths in the errors; by default (as the reference) it is not.
/// </summary>
public sealed class DataValidationTests
{
    private static readonly WidgetTemplateOptions Validating = new() { ValidateData = true };

    private const string Venue = """{"id":"venue","title":"Book the venue","done":true,"priority":"high","tags":[]}""";

    private static WidgetTemplate Fixture(string file, WidgetTemplateOptions? options = null) =>
        WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets", file), options ?? Validating);

    private static WidgetTemplate Checklist(WidgetTemplateOptions? options = null) => Fixture("task_checklist.widget", options);

    private static JsonObject CaseData(string expectedFile) =>
        ((JsonArray)ProtocolFixtures.Load("widget-template-cases.json"))
            .Single(c => c!["expected"]!.GetValue<string>() == expectedFile)!["data"]!.DeepClone().AsObject();

    private static WidgetDataValidationException Invalid(WidgetTemplate template, string data) =>
        Invalid(template, Obj(data));

    private static WidgetDataValidationException Invalid(WidgetTemplate template, JsonObject data) =>
        Assert.Throws<WidgetDataValidationException>(() => template.Render(data));

    [Fact]
    public void WrongTypeNamesThePath()
    {
        var e = Invalid(Checklist(), $$"""{"tasks":[{{Venue}},{{Venue}},{"id":"c","title":42,"done":false,"priority":"low","tags":[]}]}""");

        var error = Assert.Single(e.Errors);
        Assert.Equal("$.tasks[2].title", error.Path);
        Assert.Equal("expected string, got number (42)", error.Message);
        Assert.Contains("$.tasks[2].title: expected string, got number (42)", e.Message, StringComparison.Ordinal);
        Assert.Contains("task_checklist.widget", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredProperty()
    {
        var e = Invalid(Checklist(), """{"tasks":[{"id":"a","title":"A","done":false,"tags":[]}]}""");
        Assert.Equal("$.tasks[0]: missing required property 'priority'", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void AdditionalPropertyIsRejected()
    {
        var e = Invalid(Checklist(), """{"tasks":[],"extra":true}""");
        Assert.Equal("$.extra: property is not allowed by the schema (additionalProperties is false)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void AdditionalPropertyInsideARefIsRejected()
    {
        var e = Invalid(Checklist(), """{"tasks":[{"id":"a","title":"A","done":false,"priority":"low","tags":[],"due":"friday"}]}""");
        Assert.Equal("$.tasks[0].due: property is not allowed by the schema (additionalProperties is false)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void EnumViolationListsTheAllowedValues()
    {
        var e = Invalid(Checklist(), """{"tasks":[{"id":"a","title":"A","done":false,"priority":"urgent","tags":[]}]}""");
        Assert.Equal("$.tasks[0].priority: \"urgent\" is not one of \"low\", \"medium\", \"high\"", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void PatternAndUniqueItemsViolationsNameTheirPaths()
    {
        var e = Invalid(Checklist(), """{"tasks":[{"id":"Not ok","title":"A","done":false,"priority":"low","tags":["x","y","x"]}]}""");
        Assert.Equal(
            ["$.tasks[0].id: \"Not ok\" does not match the pattern '^[a-z0-9-]+$'", "$.tasks[0].tags[2]: duplicate of item 0 (uniqueItems)"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void AllErrorsAreReported()
    {
        var e = Invalid(Checklist(), """{"tasks":[{"id":1,"title":"A","done":false,"priority":"low","tags":[]},"oops"]}""");
        Assert.Equal(["$.tasks[0].id", "$.tasks[1]"], e.Errors.Select(x => x.Path));
        Assert.Contains("2 errors", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoDataIsValidatedAsAnEmptyObject()
    {
        var e = Assert.Throws<WidgetDataValidationException>(() => Fixture("contact_profile.widget").Render(null));
        Assert.Equal(
            new[] { "name", "role", "email", "skills", "links" }.Select(p => $"$: missing required property '{p}'"),
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void MinLengthViolation()
    {
        var data = CaseData("widgets/contact_profile_minimal.json");
        data["name"] = string.Empty;
        var e = Invalid(Fixture("contact_profile.widget"), data);
        Assert.Equal("$.name: string is shorter than minLength 1 (length 0)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void NestedObjectsAreValidatedToTheirLeaves()
    {
        var data = CaseData("widgets/contact_profile_minimal.json");
        data["links"]!["calendar"] = 7;
        data["email"] = "not an address";
        var e = Invalid(Fixture("contact_profile.widget"), data);
        Assert.Equal(
            ["$.email: \"not an address\" does not match the pattern '^[^@\\s]+@[^@\\s]+$'", "$.links.calendar: expected string or null, got number (7)"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void NumericBoundsAndSharedDefinitionsAreChecked()
    {
        var data = CaseData("widgets/weather_forecast.json");
        data["days"]![1]!["precipitation"] = 120;
        data["days"]![2]!["condition"] = "fog";
        data["current"]!["wind"]!["speed"] = -1;
        var e = Invalid(Fixture("weather_forecast.widget"), data);
        Assert.Equal(
            [
                "$.current.wind.speed: -1 is less than the minimum 0",
                "$.days[1].precipitation: 120 is greater than the maximum 100",
                "$.days[2].condition: \"fog\" is not one of \"sunny\", \"cloudy\", \"rain\", \"snow\"",
            ],
            e.Errors.Select(x => x.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NullableObjectAcceptsNullAndRejectsAWrongShape()
    {
        var order = Fixture("order_summary.widget");
        var data = CaseData("widgets/order_summary.json");
        data["coupon"] = null;
        Assert.Equal("Order A-10427", order.Render(data.DeepClone())["status"]!["text"]!.GetValue<string>());

        data["coupon"] = new JsonObject { ["code"] = "x" };
        var e = Invalid(order, data);
        Assert.Equal("$.coupon", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void ValidationCanBeTurnedOff()
    {
        var template = Checklist(new WidgetTemplateOptions { ValidateData = false });
        var rendered = template.Render(Obj("""{"tasks":[{"id":"a","title":"A","done":false,"priority":"urgent","tags":[],"extra":1}]}"""));
        var badge = rendered["children"]![0]!["children"]![2]!;
        Assert.Equal("URGENT", badge["label"]!.GetValue<string>());
        Assert.Equal("secondary", badge["color"]!.GetValue<string>()); // the template's else branch
    }

    [Fact]
    public void DefaultOptionsDoNotValidateAsTheReference()
    {
        Assert.False(WidgetTemplateOptions.Default.ValidateData);
        Assert.False(new WidgetTemplateOptions().ValidateData);

        // Loaded without options, a schema violation (priority outside the enum, an unknown property) renders anyway.
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets", "task_checklist.widget"));
        Assert.Same(WidgetTemplateOptions.Default, template.Options);
        var rendered = template.Render(Obj("""{"tasks":[{"id":"a","title":"A","done":false,"priority":"urgent","tags":[],"extra":1}]}"""));
        Assert.Equal("URGENT", rendered["children"]![0]!["children"]![2]!["label"]!.GetValue<string>());
    }

    [Fact]
    public void TypedDataIsValidatedToo()
    {
        var data = new ChecklistData([new ChecklistTask("a", "A", false, "urgent", [], null)]);
        var e = Assert.Throws<WidgetDataValidationException>(() => Checklist().Render(data, TemplateTestJsonContext.Default.ChecklistData));
        Assert.Equal("$.tasks[0].priority", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void TemplatesWithoutSchemaAreNotValidated()
    {
        var rendered = Widget("""{"type":"Card","children":[],"x":{{ anything | tojson }}}""", options: Validating).Render(Obj("""{"anything":[1]}"""));
        AssertJsonEqual(JsonNode.Parse("[1]"), rendered["x"]);
    }

    [Fact]
    public void InvalidSchemaFailsAtLoad()
    {
        var e = Assert.Throws<WidgetTemplateException>(() => Widget("""{"type":"Card","children":[]}""", """{"$ref":"#/definitions/nope"}"""));
        Assert.Contains("$ref '#/definitions/nope'", e.Message, StringComparison.Ordinal);
    }
}
