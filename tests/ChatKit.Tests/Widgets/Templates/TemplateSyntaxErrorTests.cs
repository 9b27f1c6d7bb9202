using System.Text.Json.Nodes;
using ChatKit.Testing;
using ChatKit.Widgets.Templates;
using static ChatKit.Tests.Widgets.Templates.TemplateTestHelpers;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>Malformed templates fail when the file is parsed, with a message and the position of the problem.</summary>
public sealed class TemplateSyntaxErrorTests
{
    [Theory]
    [InlineData("ab {{ name ", "Unclosed tag: '{{' is never closed with '}}'", 4)]
    [InlineData("ab {% if x ", "Unclosed tag: '{%' is never closed with '%}'", 4)]
    [InlineData("ab {# note ", "'{#' is never closed", 4)]
    [InlineData("x{% if a %}y", "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.", 5)]
    [InlineData("{% for i in xs %}y", "The innermost block that needs to be closed is 'for'", 4)]
    [InlineData("{% set c %}y", "looking for the following tags: 'endset'", 4)]
    [InlineData("{{ x | foo }}", "No filter named 'foo'.", 8)]
    [InlineData("{{ x is foo }}", "No test named 'foo'.", 9)]
    [InlineData("{{ 1 + }}", "Expected an expression, got end of print statement.", 8)]
    [InlineData("{{ }}", "Expected an expression, got end of print statement.", 4)]
    [InlineData("{{ (1 ] }}", "Unexpected ']'", 7)]
    [InlineData("{{ 1 ) }}", "Unexpected ')'", 6)]
    [InlineData("{{ 'abc }}", "Unterminated string literal.", 4)]
    [InlineData("{{ a b }}", "Expected end of print statement, got 'b'.", 6)]
    [InlineData("{% macro m() %}{% endmacro %}", "Encountered unknown tag 'macro'.", 4)]
    [InlineData("{% endfor %}", "Encountered unknown tag 'endfor': there is no open block it could close.", 4)]
    [InlineData("{% if x %}{% endfor %}", "Encountered unknown tag 'endfor'. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'.", 14)]
    [InlineData("{% for x of xs %}{% endfor %}", "Expected 'in' in the for statement, got 'of'.", 10)]
    [InlineData("{{ x | default(1, }}", "Unexpected '}': expected ')' to close the bracket opened at column 15.", 19)]
    [InlineData("{{ 1 ! 2 }}", "Unexpected character '!'.", 6)]
    public void MalformedTemplateFailsAtParseWithPosition(string source, string expectedMessage, int expectedColumn)
    {
        var e = Assert.Throws<WidgetTemplateSyntaxException>(() => WidgetTemplate.Parse(WidgetJson(source)));

        Assert.Contains(expectedMessage, e.Message, StringComparison.Ordinal);
        Assert.Equal("Test widget", e.TemplateName);
        Assert.Equal(1, e.Line);
        Assert.Equal(expectedColumn, e.Column);
    }

    [Fact]
    public void MessageIncludesAnExcerptWithACaret()
    {
        var e = Assert.Throws<WidgetTemplateSyntaxException>(() => WidgetTemplate.Parse(WidgetJson("""{"type":"Card","children":[{{ items | nope }}]}""")));
        var lines = e.Message.Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Equal("Test widget, line 1, column 39: No filter named 'nope'.", lines[0]);
        Assert.Equal(lines[1].IndexOf("nope", StringComparison.Ordinal), lines[2].IndexOf('^', StringComparison.Ordinal));
    }

    [Fact]
    public void LoadReportsTheFileName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.widget");
        File.WriteAllText(path, WidgetJson("{% if x %}"));
        try
        {
            var e = Assert.Throws<WidgetTemplateSyntaxException>(() => WidgetTemplate.Load(path));
            Assert.Equal(Path.GetFileName(path), e.TemplateName);
            Assert.StartsWith(Path.GetFileName(path) + ", line 1, column 4:", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnUnclosedBlockInAFixtureNamesTheFileAndTheOpeningLine()
    {
        // order_summary.widget with the end of its `set _rows` block (template line 25) taken out.
        var file = JsonNode.Parse(ProtocolFixtures.ReadText("widgets/order_summary.widget"))!.AsObject();
        var template = file["template"]!.GetValue<string>();
        var lastEndset = template.LastIndexOf("{%- endset -%}", StringComparison.Ordinal);
        file["template"] = template.Remove(lastEndset, "{%- endset -%}".Length);
        var path = Path.Combine(Path.GetTempPath(), $"order_summary-{Guid.NewGuid():N}.widget");
        File.WriteAllText(path, file.ToJsonString());
        try
        {
            var e = Assert.Throws<WidgetTemplateSyntaxException>(() => WidgetTemplate.Load(path));
            Assert.Equal(Path.GetFileName(path), e.TemplateName);
            Assert.Equal(25, e.Line);
            Assert.Contains("looking for the following tags: 'endset'", e.Message, StringComparison.Ordinal);
            Assert.Contains("{%- set _rows -%}", e.Message, StringComparison.Ordinal); // the excerpt shows the opener
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ErrorsAfterANewlineHaveTheRightLine()
    {
        var e = Assert.Throws<WidgetTemplateSyntaxException>(() => WidgetTemplate.Parse(WidgetJson("{\n  \"type\": {{ x | bogus }}\n}")));
        Assert.Equal(2, e.Line);
        Assert.Equal(18, e.Column);
    }
}
