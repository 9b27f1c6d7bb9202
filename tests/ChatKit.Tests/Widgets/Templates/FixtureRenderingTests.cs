using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatKit.Testing;
using ChatKit.Widgets.Templates;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>
/// The repository's own <c>.widget</c> fixtures: every case of <c>widget-template-cases.json</c> renders to the
/// widget JSON written for it in <c>widgets/</c>.
/// </summary>
public sealed class FixtureRenderingTests
{
    private static JsonArray Cases => (JsonArray)ProtocolFixtures.Load("widget-template-cases.json");

    /// <summary>Each case is named by its expected file: a template has several cases (with and without data, edge data).</summary>
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
        {
            data.Add(c!["expected"]!.GetValue<string>());
        }

        return data;
    }

    /// <summary>Every template once, with the data of its first case (which is what its Studio preview shows).</summary>
    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (var template in Cases.Select(c => c!["template"]!.GetValue<string>()).Distinct())
        {
            data.Add(template);
        }

        return data;
    }

    [Fact]
    public void CasesCoverEveryTemplateAndEveryExpectedFile()
    {
        Assert.Equal(10, Cases.Count);
        var templates = Cases.Select(c => c!["template"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal);
        var expected = Cases.Select(c => c!["expected"]!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(ProtocolFixtures.List("widgets", "*.widget"), templates);
        Assert.Equal(ProtocolFixtures.List("widgets", "*.json"), expected);
        Assert.Equal(2, Cases.Count(c => c!["data"] is null));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void RendersFixtureCaseToExpectedJson(string expectedFile)
    {
        var testCase = Case(expectedFile);
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, testCase["template"]!.GetValue<string>()));

        var rendered = template.Render(testCase["data"]);

        TemplateTestHelpers.AssertJsonEqual(ProtocolFixtures.Load(expectedFile), rendered);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task LoadAsyncRendersTheSame(string expectedFile)
    {
        var testCase = Case(expectedFile);
        var path = Path.Combine(ProtocolFixtures.FixturesDir, testCase["template"]!.GetValue<string>());
        var template = await WidgetTemplate.LoadAsync(path, CancellationToken.None);

        var rendered = template.Render(testCase["data"]?.DeepClone());

        TemplateTestHelpers.AssertJsonEqual(ProtocolFixtures.Load(expectedFile), rendered);
    }

    [Fact]
    public void ParseExposesTheFileFields()
    {
        var text = ProtocolFixtures.ReadText("widgets/order_summary.widget");
        var template = WidgetTemplate.Parse(text);
        var file = JsonNode.Parse(text)!.AsObject();

        Assert.Equal("1.0", template.Version);
        Assert.Equal("Order summary", template.Name);
        Assert.Equal("Order summary", template.DisplayName);
        Assert.Equal(file["template"]!.GetValue<string>(), template.Template);
        Assert.Equal(file["encodedWidget"]!.GetValue<string>(), template.EncodedWidget);
        TemplateTestHelpers.AssertJsonEqual(file["jsonSchema"], template.JsonSchema);
        TemplateTestHelpers.AssertJsonEqual(file["outputJsonPreview"], template.OutputJsonPreview);
    }

    [Fact]
    public void LoadUsesTheFileNameInMessages()
    {
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/contact_profile.widget"));
        Assert.Equal("contact_profile.widget", template.DisplayName);
        Assert.Equal("Contact profile", template.Name);
        Assert.Null(template.EncodedWidget);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void OutputJsonPreviewMatchesARenderingWithThePreviewData(string templateFile)
    {
        // The templates without data render exactly their preview; the others, with their first case's data.
        var firstCase = Cases.First(c => c!["template"]!.GetValue<string>() == templateFile)!;
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, templateFile));

        Assert.NotNull(template.OutputJsonPreview);
        TemplateTestHelpers.AssertJsonEqual(template.OutputJsonPreview, template.Render(firstCase["data"]?.DeepClone()));
    }

    [Fact]
    public void RendersTypedDataThroughJsonTypeInfo()
    {
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/task_checklist.widget"));
        // The typed form writes "assignee": null where the JSON case leaves the key out; the template treats both alike.
        var data = new ChecklistData(
        [
            new ChecklistTask("venue", "Book the venue", true, "high", ["events", "budget"], "Noor"),
            new ChecklistTask("invites", "Send invitations", false, "medium", [], null),
            new ChecklistTask("shirts", "Order \"crew\" T-shirts", false, "low", ["swag"], null),
            new ChecklistTask("catering", "Confirm catering <vegan & GF>", true, "medium", ["food"], "Tomás"),
        ]);

        var rendered = template.Render(data, TemplateTestJsonContext.Default.ChecklistData);

        TemplateTestHelpers.AssertJsonEqual(ProtocolFixtures.Load("widgets/task_checklist.json"), rendered);
    }

    [Fact]
    public void RendersTheSameInstanceConcurrently()
    {
        var testCase = Case("widgets/order_summary.json");
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/order_summary.widget"));
        var expected = ProtocolFixtures.Load("widgets/order_summary.json");

        Parallel.For(0, 200, _ => TemplateTestHelpers.AssertJsonEqual(expected, template.Render(testCase["data"])));
    }

    [Fact]
    public void ListIdiomRendersAnEmptyArrayForNoItems()
    {
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/task_checklist.widget"));
        var rendered = template.Render(TemplateTestHelpers.Obj("""{"tasks":[]}"""));
        Assert.Empty(rendered["children"]!.AsArray());
        Assert.Equal("0 of 0 done", rendered["status"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ListIdiomKeepsEveryItemInOrder()
    {
        var template = WidgetTemplate.Load(Path.Combine(ProtocolFixtures.FixturesDir, "widgets/task_checklist.widget"));
        var tasks = new JsonArray();
        for (var i = 0; i < 25; i++)
        {
            tasks.Add(new JsonObject { ["id"] = $"t-{i}", ["title"] = $"Task {i}", ["done"] = i % 3 == 0, ["priority"] = "low", ["tags"] = new JsonArray() });
        }

        var rendered = template.Render(new JsonObject { ["tasks"] = tasks });

        var items = rendered["children"]!.AsArray();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"t-{i}"), items.Select(x => x!["key"]!.GetValue<string>()));
        Assert.Equal("25. Task 24", items[24]!["children"]![1]!["children"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("9 of 25 done", rendered["status"]!["text"]!.GetValue<string>());
    }

    private static JsonNode Case(string expectedFile) => Cases.Single(c => c!["expected"]!.GetValue<string>() == expectedFile)!;
}

public sealed record ChecklistTask(string Id, string Title, bool Done, string Priority, IReadOnlyList<string> Tags, string? Assignee);

public sealed record ChecklistData(IReadOnlyList<ChecklistTask> Tasks);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChecklistData))]
internal sealed partial class TemplateTestJsonContext : JsonSerializerContext;
