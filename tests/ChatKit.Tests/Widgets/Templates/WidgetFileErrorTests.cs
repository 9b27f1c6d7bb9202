using System.Text.Json.Nodes;
using ChatKit.Widgets.Templates;
using static ChatKit.Tests.Widgets.Templates.TemplateTestHelpers;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>Problems with the .widget file itself and with the rendered output.</summary>
public sealed class WidgetFileErrorTests
{
    [Fact]
    public void RejectsUnsupportedVersion()
    {
        var e = Assert.Throws<WidgetTemplateException>(() => WidgetTemplate.Parse(WidgetJson("""{"type":"Card","children":[]}""", version: "2.0")));
        Assert.Contains("unsupported widget spec version '2.0'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"version":"1.0"}""", "has no 'template' string")]
    [InlineData("""{"template":"{}"}""", "has no 'version' string")]
    [InlineData("""{"version":"1.0","template":5}""", "'template' must be a string")]
    [InlineData("""{"version":"1.0","template":"{}","jsonSchema":[]}""", "'jsonSchema' must be an object")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"version":""", "is not valid JSON")]
    public void RejectsMalformedFiles(string fileText, string expected)
    {
        var e = Assert.Throws<WidgetTemplateException>(() => WidgetTemplate.Parse(fileText));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonJsonOutputQuotesTheNeighbourhood()
    {
        var template = Widget("""{"type":"Card","children":[{"type":"Text","value":{{ name }}}]}""");

        var e = Assert.Throws<WidgetTemplateOutputException>(() => template.Render(Obj("""{"name":"Bob"}""")));

        Assert.Contains("did not render valid JSON (line 1, column 51 of the output)", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"value\":Bob}]}", e.Message, StringComparison.Ordinal);
        Assert.Equal("""{"type":"Card","children":[{"type":"Text","value":Bob}]}""", e.RenderedOutput);
        var lines = e.Message.Split(Environment.NewLine);
        Assert.Equal(lines[1].IndexOf("Bob", StringComparison.Ordinal), lines[2].IndexOf('^', StringComparison.Ordinal));
    }

    [Fact]
    public void TrailingCommaFromABadListIdiomIsReported()
    {
        var template = Widget("""{"type":"ListView","children":[{% for i in items %}{"type":"ListViewItem","children":[]},{% endfor %}]}""");
        var e = Assert.Throws<WidgetTemplateOutputException>(() => template.Render(Obj("""{"items":[1,2]}""")));
        Assert.Contains("did not render valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingGarbageIsReported()
    {
        var template = Widget("""{"type":"Card","children":[]} extra""");
        var e = Assert.Throws<WidgetTemplateOutputException>(() => template.Render(null));
        Assert.Contains("did not render valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyOutputIsReported()
    {
        var e = Assert.Throws<WidgetTemplateOutputException>(() => Widget("{% if false %}x{% endif %}").Render(null));
        Assert.Contains("rendered empty output", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"Text","value":"x"}""", "rendered a root with type 'Text'; the widget root must be Card, ListView or Basic")]
    [InlineData("""{"children":[]}""", "rendered a root with no string 'type' property")]
    [InlineData("""[{"type":"Card"}]""", "rendered a JSON array")]
    [InlineData("\"Card\"", "rendered a JSON string")]
    public void WrongRootIsRejected(string output, string expected)
    {
        var e = Assert.Throws<WidgetTemplateOutputException>(() => Widget(output).Render(null));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("'Test widget'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonObjectDataIsRejected()
    {
        var template = Widget("""{"type":"Card","children":[]}""");
        Assert.Throws<ArgumentException>(() => template.Render(new JsonArray()));
        Assert.Throws<ArgumentException>(() => template.Render(JsonValue.Create(3)));
    }
}
