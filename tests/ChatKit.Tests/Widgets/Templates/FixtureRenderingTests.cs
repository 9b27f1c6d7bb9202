using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatKit.Testing;
using ChatKit.Widgets.Templates;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>The shared protocol fixtures: every case of <c>widget-template-cases.json</c> and the <c>.widget</c> files.</summary>
public sealed class FixtureRenderingTests
{
    private static JsonArray Cases => (JsonArray)ProtocolFixtures.Load("widget-template-cases.json");

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
        {
            data.Add(c!["template"]!.GetValue<string>());
        }

        return data;
    }

    [Fact]
    public void FixtureListHasAllFiveCases() => Assert.Equal(5, Cases.Count);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void RendersFixtureCaseToExpectedJson(string templateFile)
    {
        var testCase = Cases.Single(c => c!["template"]!.GetValue<string>() == templateFile)!;
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, templateFile));

        var rendered = template.Render(testCase["data"]);

        TemplateTestHelpers.AssertJsonEqual(ProtocolFixtures.Load(testCase["expected"]!.GetValue<string>()), rendered);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task LoadAsyncRendersTheSame(string templateFile)
    {
        var testCase = Cases.Single(c => c!["template"]!.GetValue<string>() == templateFile)!;
        var template = await WidgetTemplate.LoadAsync(Path.Combine(ProtocolFixtures.FixturesDir, templateFile), CancellationToken.None);

        var rendered = template.Render(testCase["data"]?.DeepClone());

        TemplateTestHelpers.AssertJsonEqual(ProtocolFixtures.Load(testCase["expected"]!.GetValue<string>()), rendered);
    }

    [Fact]
    public void ParseExposesTheFileFields()
    {
        var text = ProtocolFixtures.ReadText("widgets/card_with_data.widget");
        var template = WidgetTemplate.Parse(text);
        var file = JsonNode.Parse(text)!.AsObject();

        Assert.Equal("1.0", template.Version);
        Assert.Equal("Channel message", template.Name);
        Assert.Equal("Channel message", template.DisplayName);
        Assert.Equal(file["template"]!.GetValue<string>(), template.Template);
        Assert.Equal(file["encodedWidget"]!.GetValue<string>(), template.EncodedWidget);
        TemplateTestHelpers.AssertJsonEqual(file["jsonSchema"], template.JsonSchema);
        TemplateTestHelpers.AssertJsonEqual(file["outputJsonPreview"], template.OutputJsonPreview);
    }

    [Fact]
    public void LoadUsesTheFileNameInMessages()
    {
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/basic_root.widget"));
        Assert.Equal("basic_root.widget", template.DisplayName);
        Assert.Equal("Author preview", template.Name);
    }

    [Fact]
    public void OutputJsonPreviewMatchesARenderingWithThePreviewData()
    {
        // list_view_no_data has no variables: its preview is exactly the rendering.
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/list_view_no_data.widget"));
        TemplateTestHelpers.AssertJsonEqual(template.OutputJsonPreview, template.Render(null));
    }

    [Fact]
    public void RendersTypedDataThroughJsonTypeInfo()
    {
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/list_view_with_data.widget"));
        var data = new LineListData(
        [
            new LineItem("blue", "Blue line", "blue-500"),
            new LineItem("orange", "Orange line", "orange-500"),
            new LineItem("purple", "Purple line", "purple-500"),
        ]);

        var rendered = template.Render(data, TemplateTestJsonContext.Default.LineListData);

        TemplateTestHelpers.AssertJsonEqual(ProtocolFixtures.Load("widgets/list_view_with_data.json"), rendered);
    }

    [Fact]
    public void RendersTheSameInstanceConcurrently()
    {
        var testCase = Cases.Single(c => c!["template"]!.GetValue<string>() == "widgets/list_view_with_data.widget")!;
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/list_view_with_data.widget"));
        var expected = ProtocolFixtures.Load("widgets/list_view_with_data.json");

        Parallel.For(0, 200, _ => TemplateTestHelpers.AssertJsonEqual(expected, template.Render(testCase["data"])));
    }

    [Fact]
    public void ListIdiomRendersAnEmptyArrayForNoItems()
    {
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/list_view_with_data.widget"));
        var rendered = template.Render(TemplateTestHelpers.Obj("""{"items":[]}"""));
        TemplateTestHelpers.AssertJsonEqual(TemplateTestHelpers.Obj("""{"type":"ListView","children":[]}"""), rendered);
    }
}

public sealed record LineItem(string Id, string Label, string Color);

public sealed record LineListData(IReadOnlyList<LineItem> Items);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LineListData))]
internal sealed partial class TemplateTestJsonContext : JsonSerializerContext;
