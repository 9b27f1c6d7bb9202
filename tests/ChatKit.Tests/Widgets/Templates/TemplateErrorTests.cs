using ChatKit.Widgets.Templates;
using static ChatKit.Tests.Widgets.Templates.TemplateTestHelpers;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>Strict-undefined and type errors during rendering: messages name the template, position and expression.</summary>
public sealed class TemplateErrorTests
{
    private const string CardPrefix = """{"type":"Card","children":[{"type":"Text","value":""";

    [Fact]
    public void UndefinedVariablePointsAtTheName()
    {
        var template = Widget(CardPrefix + "{{ (name) | tojson }}}]}");

        var e = Assert.Throws<WidgetTemplateRenderException>(() => template.Render(Obj("{}")));

        Assert.Equal("Test widget", e.TemplateName);
        Assert.Equal(1, e.Line);
        Assert.Equal(CardPrefix.Length + "{{ (".Length + 1, e.Column);
        Assert.Contains("'name' is undefined", e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Test widget, line 1, column {e.Column}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("(name) | tojson", e.Message, StringComparison.Ordinal); // source excerpt
    }

    [Fact]
    public void NoDataMeansNoVariables()
    {
        var template = Widget(CardPrefix + "{{ name | tojson }}}]}");
        var e = Assert.Throws<WidgetTemplateRenderException>(() => template.Render(null));
        Assert.Contains("'name' is undefined", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedAttributeNamesThePathAndTheMissingKey()
    {
        var template = Widget(CardPrefix + "{{ (user.image) | tojson }}}]}");

        var e = Assert.Throws<WidgetTemplateRenderException>(() => template.Render(Obj("""{"user":{"name":"Rosa"}}""")));

        Assert.Contains("'user.image' is undefined", e.Message, StringComparison.Ordinal);
        Assert.Contains("no attribute 'image'", e.Message, StringComparison.Ordinal);
        Assert.Equal(CardPrefix.Length + "{{ (user.".Length + 1, e.Column);
    }

    [Fact]
    public void UndefinedVariableInAMultiLineFixtureReportsItsLineAndColumn()
    {
        // Without validation, data lacking the required 'links' reaches the template: Jinja2 also stops at line 24.
        var template = WidgetTemplate.Load(
            Path.Combine(ChatKit.Testing.ProtocolFixtures.FixturesDir, "widgets/contact_profile.widget"),
            new WidgetTemplateOptions { ValidateData = false });
        var data = Obj("""{"name":"Ana","role":"Guide","email":"ana@example.org","skills":[]}""");

        var e = Assert.Throws<WidgetTemplateRenderException>(() => template.Render(data));

        Assert.Equal("contact_profile.widget", e.TemplateName);
        Assert.Equal(24, e.Line);
        Assert.Equal(112, e.Column);
        Assert.StartsWith("contact_profile.widget, line 24, column 112: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("'links' is undefined", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedAttributeInsideALoopNamesTheLoopExpression()
    {
        var e = Assert.Throws<WidgetTemplateRenderException>(
            () => Render("{% for item in items %}{{ item.label }}{% endfor %}", """{"items":[{"label":"a"},{}]}"""));
        Assert.Contains("'item.label' is undefined", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% if missing %}x{% endif %}")]
    [InlineData("{{ missing == 1 }}")]
    [InlineData("{{ missing ~ 'a' }}")]
    [InlineData("{{ missing | tojson }}")]
    [InlineData("{{ missing | upper }}")]
    [InlineData("{% for x in missing %}{% endfor %}")]
    [InlineData("{{ missing.attr is defined }}")]
    [InlineData("{{ 'a' if missing else 'b' }}")]
    [InlineData("{{ x | default(missing) }}")]
    public void StrictUndefinedFailsOnEveryUse(string template)
    {
        var e = Assert.Throws<WidgetTemplateRenderException>(() => Render(template));
        Assert.Contains("'missing' is undefined", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ missing is defined }}", "False")]
    [InlineData("{{ missing is undefined }}", "True")]
    [InlineData("{{ missing | default('fallback') }}", "fallback")]
    [InlineData("{% set y = missing %}ok", "ok")]
    [InlineData("{{ missing is not defined }}", "True")]
    public void UndefinedIsAllowedWhereJinjaAllowsIt(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ 'a' < 1 }}", "'<' not supported between instances of 'str' and 'int'")]
    [InlineData("{{ 1 // 0 }}", "integer division or modulo by zero")]
    [InlineData("{{ 1 / 0 }}", "division by zero")]
    [InlineData("{{ 'a' + 1 }}", "unsupported operand type(s) for +: 'str' and 'int'")]
    [InlineData("{% for x in 5 %}{% endfor %}", "'int' object is not iterable")]
    [InlineData("{{ 5 | length }}", "object of type 'int' has no len()")]
    [InlineData("{{ [1, 2][5] }}", "list object has no element 5")]
    [InlineData("{{ 'x'.nope() }}", "'str' object has no method 'nope'")]
    public void TypeErrorsAreReportedWithTheirPosition(string template, string expectedMessage)
    {
        var e = Assert.Throws<WidgetTemplateRenderException>(() => Render(template));
        Assert.Contains(expectedMessage, e.Message, StringComparison.Ordinal);
        Assert.Equal("test.widget", e.TemplateName);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void ErrorsOnLaterLinesReportLineAndColumn()
    {
        var e = Assert.Throws<WidgetTemplateRenderException>(() => Render("line one\nline two {{ oops }}"));
        Assert.Equal(2, e.Line);
        Assert.Equal(13, e.Column);
    }
}

/// <summary>Errors raised inside filters point at the filter.</summary>
public sealed class FilterErrorTests
{
    [Theory]
    [InlineData("{{ xs | map(attribute='name') | join }}", "dict object has no attribute 'name'", 9)]
    [InlineData("{{ xs | join(attribute='name') }}", "dict object has no attribute 'name'", 9)]
    [InlineData("{{ 'a' | round }}", "filter 'round': expected a number, got str", 10)]
    [InlineData("{{ xs | tojson(indent='x') }}", "filter 'tojson': indent must be an integer, got str", 9)]
    [InlineData("{{ xs | join(',', 'a', 'b') }}", "filter 'join': join takes at most 2 argument(s) (3 given)", 9)]
    public void FilterErrorsPointAtTheFilter(string template, string expected, int column)
    {
        var e = Assert.Throws<ChatKit.Widgets.Templates.WidgetTemplateRenderException>(() => TemplateTestHelpers.Render(template, """{"xs":[{}]}"""));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(column, e.Column);
    }
}
