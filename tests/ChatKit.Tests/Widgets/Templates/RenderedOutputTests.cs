using System.Text.Json.Nodes;
using ChatKit.Widgets.Templates;
using static ChatKit.Tests.Widgets.Templates.TemplateTestHelpers;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>What Render returns: null dropping, number forms, tojson round trips, duplicate keys.</summary>
public sealed class RenderedOutputTests
{
    [Fact]
    public void NullPropsAndArrayElementsAreDroppedRecursively()
    {
        var template = Widget("""
            {"type":"Card","status":null,"children":[null,{"type":"Button","label":{{ label | tojson }},"onClickAction":{"type":"a","payload":{"id":null,"keep":1,"deep":{"x":null}}}},{{ missing_ok | tojson }}]}
            """);

        var rendered = template.Render(Obj("""{"label":null,"missing_ok":null}"""));

        AssertJsonEqual(
            Obj("""{"type":"Card","children":[{"type":"Button","onClickAction":{"type":"a","payload":{"keep":1,"deep":{}}}}]}"""),
            rendered);
    }

    [Fact]
    public void NumbersKeepIntegerAndFloatForms()
    {
        var rendered = Widget("""{"type":"Basic","gap":{{ gap }},"size":{{ size | tojson }},"big":1e3,"neg":-2}""")
            .Render(Obj("""{"gap":5,"size":2.5}"""));

        Assert.Equal("""{"type":"Basic","gap":5,"size":2.5,"big":1e3,"neg":-2}""", rendered.ToJsonString());
    }

    [Theory]
    [InlineData("<script>alert('x') & \"y\"</script>")]
    [InlineData("line\nbreak\ttab\\back")]
    [InlineData("unicode é 😀 \u2028 \u0001")]
    public void ToJsonStringsRoundTrip(string value)
    {
        var template = Widget("""{"type":"Card","children":[{"type":"Text","value":{{ (v) | tojson }}}]}""");

        var rendered = template.Render(new JsonObject { ["v"] = value });

        Assert.Equal(value, rendered["children"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void ToJsonEscapesHtmlSensitiveCharactersLikeJinja()
    {
        Assert.Equal("\"\\u003cb\\u003e \\u0026 \\u0027q\\u0027 \\\"d\\\"\"", Render("{{ v | tojson }}", """{"v":"<b> & 'q' \"d\""}"""));
        Assert.Equal("{\"a\": 1, \"b\": [true, null]}", Render("{{ v | tojson }}", """{"v":{"b":[true,null],"a":1}}"""));
        Assert.Equal("\"\\u00e9\\ud83d\\ude00\"", Render("{{ v | tojson }}", """{"v":"é😀"}"""));
    }

    [Fact]
    public void ToJsonOfNestedObjectsProducesValidWidgetJson()
    {
        var template = Widget("""{"type":"Card","children":[{"type":"Button","onClickAction":{{ action | tojson }}}]}""");
        var action = Obj("""{"type":"open","payload":{"url":"https://x.test/?a=1&b=<2>","tags":["a","b"],"n":1.5}}""");

        var rendered = template.Render(new JsonObject { ["action"] = action.DeepClone() });

        AssertJsonEqual(action, rendered["children"]![0]!["onClickAction"]);
    }

    [Fact]
    public void DuplicateKeysKeepTheLastValueLikePython()
    {
        var rendered = Widget("""{"type":"Card","size":"sm","size":"lg","children":[]}""").Render(null);
        Assert.Equal("lg", rendered["size"]!.GetValue<string>());
    }

    [Fact]
    public void TemplateTrailingNewlineIsDropped()
    {
        Assert.Equal("a", Render("a\n"));
        Assert.Equal("a\n", Render("a\n\n"));
    }
}

/// <summary>Typed data and text rendering entry points.</summary>
public sealed class RenderEntryPointTests
{
    [Fact]
    public void TypedNullDataMeansNoVariables()
    {
        var template = Widget("""{"type":"Card","children":[]}""");
        var rendered = template.Render<ChecklistData?>(null, TemplateTestJsonContext.Default.ChecklistData!);
        AssertJsonEqual(Obj("""{"type":"Card","children":[]}"""), rendered);
    }

    [Fact]
    public void RenderTextReturnsTheRawTemplateOutput()
    {
        var template = Widget("""{"type":"Card","children":[{{ n }}]}""");
        Assert.Equal("""{"type":"Card","children":[3]}""", template.RenderText(Obj("""{"n":3}""")));
    }
}
