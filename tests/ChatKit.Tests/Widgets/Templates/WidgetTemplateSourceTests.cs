using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using ChatKit.Widgets;
using ChatKit.Widgets.Templates;
using static ChatKit.Tests.Widgets.Templates.TemplateTestHelpers;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>
/// Loading templates the way an app ships them: by a path relative to the calling source file (falling back to the
/// output directory), or from an embedded resource; and rendering straight to the typed widget root.
/// </summary>
public sealed class WidgetTemplateSourceTests
{
    private const string GreetingResource = "ChatKit.Tests.Widgets.Templates.TemplateFiles.greeting.widget";

    /// <summary>A source path that exists nowhere, as on a machine the app was deployed to.</summary>
    private static readonly string GoneSourceFile = Path.Combine(Path.GetTempPath(), "chatkit-no-such-build-agent", "src", "App", "Program.cs");

    private static string ThisSourceFile([CallerFilePath] string path = "") => path;

    [Fact]
    public void FromFileResolvesAgainstTheCallingSourceFile()
    {
        // Only the source tree has TemplateFiles/greeting.widget (the output copy lives under deployed-widgets/).
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "TemplateFiles", "greeting.widget")));

        var template = WidgetTemplate.FromFile("TemplateFiles/greeting.widget");

        Assert.Equal("greeting.widget", template.DisplayName);
        Assert.Equal("Greeting", template.Name);
        var text = Assert.IsType<Text>(Assert.Single(template.RenderRoot<Card>(Obj("""{"name":"Ada"}""")).Children));
        Assert.Equal("Hello, Ada", text.Value);
    }

    [Fact]
    public void FromFileAcceptsPathsThatLeaveTheCallersDirectory()
    {
        var template = WidgetTemplate.FromFile("../Templates/TemplateFiles/Cards/status.widget");
        Assert.Equal("Status card", template.Name);
    }

    [Fact]
    public void FromFileFallsBackToTheBaseDirectoryWhenTheSourceTreeIsGone()
    {
        Assert.False(File.Exists(GoneSourceFile));

        var template = WidgetTemplate.FromFile("deployed-widgets/greeting.widget", callerFilePath: GoneSourceFile);

        Assert.Equal("Greeting", template.Name);
        Assert.Equal("Hello, Bo", ((Text)template.RenderRoot<Card>(Obj("""{"name":"Bo"}""")).Children[0]).Value);
    }

    [Fact]
    public void FromFileFallsBackToTheBaseDirectoryWhenTheFileIsNotNextToTheSource()
    {
        // The caller's source exists but holds no deployed-widgets/ folder; the copy in the output is used.
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(ThisSourceFile())!, "deployed-widgets")));

        var template = WidgetTemplate.FromFile("deployed-widgets/greeting.widget");

        Assert.Equal("Greeting", template.Name);
    }

    [Fact]
    public void FromFileNotFoundNamesEveryPlaceItLooked()
    {
        var e = Assert.Throws<FileNotFoundException>(() => WidgetTemplate.FromFile("TemplateFiles/missing.widget"));

        var nextToSource = Path.Combine(Path.GetDirectoryName(ThisSourceFile())!, "TemplateFiles", "missing.widget");
        var inOutput = Path.Combine(AppContext.BaseDirectory, "TemplateFiles", "missing.widget");
        Assert.Contains("'TemplateFiles/missing.widget' was not found", e.Message, StringComparison.Ordinal);
        Assert.Contains(nextToSource, e.Message, StringComparison.Ordinal);
        Assert.Contains(inOutput, e.Message, StringComparison.Ordinal);
        Assert.Equal(nextToSource, e.FileName);
    }

    [Fact]
    public void FromFileWithoutASourcePathLooksOnlyInTheBaseDirectory()
    {
        var e = Assert.Throws<FileNotFoundException>(() => WidgetTemplate.FromFile("missing.widget", callerFilePath: ""));

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "missing.widget"), e.FileName);
        Assert.DoesNotContain("CopyToOutputDirectory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFilePassesTheOptionsOn()
    {
        var validating = WidgetTemplate.FromFile("TemplateFiles/greeting.widget", new WidgetTemplateOptions { ValidateData = true });
        var e = Assert.Throws<WidgetDataValidationException>(() => validating.Render(Obj("""{"name":7}""")));
        Assert.Equal("$.name", Assert.Single(e.Errors).Path);

        // Without options nothing is validated, as in the reference: the number is rendered into the text.
        var lenient = WidgetTemplate.FromFile("TemplateFiles/greeting.widget");
        Assert.Equal("Hello, 7", ((Text)lenient.RenderRoot<Card>(Obj("""{"name":7}""")).Children[0]).Value);
    }

    [Fact]
    public void FromFileRejectsAnEmptyPath()
    {
        Assert.Throws<ArgumentException>(() => WidgetTemplate.FromFile(""));
    }

    [Theory]
    [InlineData(GreetingResource)]
    [InlineData("greeting.widget")]
    [InlineData("TemplateFiles/greeting.widget")]
    [InlineData("Templates.TemplateFiles.greeting.widget")]
    public void FromEmbeddedResourceFindsTheFullNameOrAUniqueSuffix(string name)
    {
        var template = WidgetTemplate.FromEmbeddedResource(typeof(WidgetTemplateSourceTests).Assembly, name);

        Assert.Equal(GreetingResource, template.DisplayName);
        Assert.Equal("Hello, Cy", ((Text)template.RenderRoot<Card>(Obj("""{"name":"Cy"}""")).Children[0]).Value);
    }

    [Fact]
    public void FromEmbeddedResourcePassesTheOptionsOn()
    {
        var template = WidgetTemplate.FromEmbeddedResource(
            typeof(WidgetTemplateSourceTests).Assembly, "greeting.widget", new WidgetTemplateOptions { ValidateData = true });
        var e = Assert.Throws<WidgetDataValidationException>(() => template.Render(null));
        Assert.Contains(GreetingResource, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAmbiguousResourceNameListsTheCandidates()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            WidgetTemplate.FromEmbeddedResource(typeof(WidgetTemplateSourceTests).Assembly, "status.widget"));

        Assert.Contains("'status.widget' is ambiguous", e.Message, StringComparison.Ordinal);
        Assert.Contains("ChatKit.Tests.Widgets.Templates.TemplateFiles.Cards.status.widget", e.Message, StringComparison.Ordinal);
        Assert.Contains("ChatKit.Tests.Widgets.Templates.TemplateFiles.Lists.status.widget", e.Message, StringComparison.Ordinal);

        // A longer suffix picks one.
        var list = WidgetTemplate.FromEmbeddedResource(typeof(WidgetTemplateSourceTests).Assembly, "Lists/status.widget");
        Assert.Equal("Status list", list.Name);
    }

    [Fact]
    public void AMissingResourceListsTheAssemblysWidgets()
    {
        var e = Assert.Throws<FileNotFoundException>(() =>
            WidgetTemplate.FromEmbeddedResource(typeof(WidgetTemplateSourceTests).Assembly, "nope.widget"));

        Assert.Contains("'nope.widget' was not found in assembly 'ChatKit.Tests'", e.Message, StringComparison.Ordinal);
        Assert.Contains(GreetingResource, e.Message, StringComparison.Ordinal);
        Assert.Contains("ChatKit.Tests.Widgets.Templates.TemplateFiles.Cards.status.widget", e.Message, StringComparison.Ordinal);

        // A name that only looks like a suffix without the separating dot does not match ("eeting.widget").
        Assert.Throws<FileNotFoundException>(() =>
            WidgetTemplate.FromEmbeddedResource(typeof(WidgetTemplateSourceTests).Assembly, "eeting.widget"));
    }

    [Fact]
    public void AnAssemblyWithoutWidgetsSaysSo()
    {
        var e = Assert.Throws<FileNotFoundException>(() =>
            WidgetTemplate.FromEmbeddedResource(typeof(WidgetTemplate).Assembly, "greeting.widget"));

        Assert.Contains("assembly 'ChatKit'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no .widget resources", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderRootReturnsTheTypedRoot()
    {
        var card = WidgetTemplate.FromFile("TemplateFiles/Cards/status.widget").RenderRoot(Obj("""{"status":"shipped"}"""));
        var badge = Assert.IsType<Badge>(Assert.Single(Assert.IsType<Card>(card).Children));
        Assert.Equal("shipped", badge.Label);

        var list = WidgetTemplate.FromFile("TemplateFiles/Lists/status.widget").RenderRoot<ListView>(Obj("""{"status":"late"}"""));
        Assert.IsType<ListViewItem>(Assert.Single(list.Children));
    }

    [Fact]
    public void RenderRootTakesTypedData()
    {
        var root = WidgetTemplate.FromFile("TemplateFiles/greeting.widget")
            .RenderRoot(new GreetingData("Dee"), WidgetSourceTestJsonContext.Default.GreetingData);

        Assert.Equal("Hello, Dee", ((Text)Assert.IsType<Card>(root).Children[0]).Value);
    }

    [Fact]
    public void RenderRootOfTheWrongRootTypeIsAClearError()
    {
        var template = WidgetTemplate.FromFile("TemplateFiles/Lists/status.widget");

        var e = Assert.Throws<WidgetTemplateOutputException>(() => template.RenderRoot<Card>(Obj("""{"status":"late"}""")));

        Assert.Contains("'status.widget' rendered a ListView, not the Card the caller expects", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"ListView\"", e.RenderedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderRootOfANonRootIsAClearError()
    {
        var template = Widget("""{"type":"Text","value":{{ v | tojson }}}""");

        var e = Assert.Throws<WidgetTemplateOutputException>(() => template.RenderRoot(Obj("""{"v":"x"}""")));

        Assert.Contains("rendered a root with type 'Text'; the widget root must be Card, ListView or Basic", e.Message, StringComparison.Ordinal);
    }
}

public sealed record GreetingData(string Name);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GreetingData))]
internal sealed partial class WidgetSourceTestJsonContext : JsonSerializerContext;
