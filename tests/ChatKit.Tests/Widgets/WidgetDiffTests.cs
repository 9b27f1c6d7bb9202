using System.Text.Json.Nodes;
using ChatKit.Testing;
using ChatKit.Widgets;

namespace ChatKit.Tests.Widgets;

/// <summary>The diff of docs/widgets.md §5.2 against fixtures/widget-diff-cases.json and its edge rules.</summary>
public sealed class WidgetDiffTests
{
    public static TheoryData<string> FixtureCases =>
        new(ProtocolFixtures.Load("widget-diff-cases.json").AsArray().Select(c => c!["name"]!.GetValue<string>()));

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Matches_the_fixture_case(string name)
    {
        var testCase = ProtocolFixtures.Load("widget-diff-cases.json").AsArray().Single(c => c!["name"]!.GetValue<string>() == name)!;
        var before = WidgetRoot.FromJson(testCase["before"]!.AsObject());
        var after = WidgetRoot.FromJson(testCase["after"]!.AsObject());
        var updates = WidgetDiff.Diff(before, after);
        var actual = new JsonArray(updates.Select(u => WidgetTestJson.Parse(WidgetTestJson.Wire(u))).ToArray());

        if (testCase["expected_updates"] is JsonArray expected)
        {
            WidgetTestJson.Equal(expected, actual);
        }
        else
        {
            // The reference raises here (a prop present on one side only); docs/widgets.md §5.3 says emit
            // widget.root.updated with the new state instead.
            Assert.Contains("raises", testCase["reference_behavior"]!.GetValue<string>());
            var root = Assert.IsType<WidgetRootUpdated>(Assert.Single(updates));
            WidgetTestJson.Equal(testCase["after"], WidgetTestJson.Parse(root.Widget.ToJsonString()));
        }
    }

    [Fact]
    public void Root_update_carries_the_new_state_instance()
    {
        var before = new Card { Children = [] };
        var after = new Card { Children = [], Size = CardSize.Lg };
        Assert.Same(after, Assert.IsType<WidgetRootUpdated>(Assert.Single(WidgetDiff.Diff(before, after))).Widget);
    }

    [Theory]
    // id or key changes anywhere
    [InlineData("""{"type":"Card","children":[{"type":"Text","id":"a","value":"x"}]}""", """{"type":"Card","children":[{"type":"Text","id":"b","value":"x"}]}""")]
    [InlineData("""{"type":"Card","children":[{"type":"Text","key":"a","value":"x"}]}""", """{"type":"Card","children":[{"type":"Text","value":"x"}]}""")]
    [InlineData("""{"type":"Card","id":"r","children":[]}""", """{"type":"Card","children":[]}""")]
    // child type change, removal, reorder
    [InlineData("""{"type":"Card","children":[{"type":"Text","value":"x"}]}""", """{"type":"Card","children":[{"type":"Title","value":"x"}]}""")]
    [InlineData("""{"type":"Card","children":[{"type":"Text","value":"x"},{"type":"Divider"}]}""", """{"type":"Card","children":[{"type":"Text","value":"x"}]}""")]
    [InlineData("""{"type":"Card","children":[{"type":"Divider"},{"type":"Spacer"}]}""", """{"type":"Card","children":[{"type":"Spacer"},{"type":"Divider"}]}""")]
    // nested prop changes (action payload, theme colour, list props)
    [InlineData("""{"type":"Card","children":[{"type":"Button","onClickAction":{"type":"a","payload":{"id":1}}}]}""", """{"type":"Card","children":[{"type":"Button","onClickAction":{"type":"a","payload":{"id":2}}}]}""")]
    [InlineData("""{"type":"Card","background":{"light":"a","dark":"b"},"children":[]}""", """{"type":"Card","background":{"light":"a","dark":"c"},"children":[]}""")]
    [InlineData("""{"type":"Card","children":[{"type":"Select","name":"s","options":[{"value":"a","label":"A"}]}]}""", """{"type":"Card","children":[{"type":"Select","name":"s","options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]}]}""")]
    // appends are only exempt for the value of Text/Markdown
    [InlineData("""{"type":"Card","children":[{"type":"Title","id":"t","value":"Hel"}]}""", """{"type":"Card","children":[{"type":"Title","id":"t","value":"Hello"}]}""")]
    [InlineData("""{"type":"Card","children":[{"type":"Text","value":"x","color":"re"}]}""", """{"type":"Card","children":[{"type":"Text","value":"x","color":"red"}]}""")]
    // a value that is not a string on both sides
    [InlineData("""{"type":"Card","children":[{"type":"Text","id":"t","value":1}]}""", """{"type":"Card","children":[{"type":"Text","id":"t","value":"1x"}]}""")]
    // shrinking text, streaming flag added
    [InlineData("""{"type":"Card","children":[{"type":"Markdown","id":"m","value":"Hello"}]}""", """{"type":"Card","children":[{"type":"Markdown","id":"m","value":"Hell"}]}""")]
    [InlineData("""{"type":"Card","children":[{"type":"Markdown","id":"m","value":"He"}]}""", """{"type":"Card","children":[{"type":"Markdown","id":"m","value":"Hello","streaming":true}]}""")]
    // single child (Transition) replaced
    [InlineData("""{"type":"Card","children":[{"type":"Transition","children":{"type":"Text","value":"a"}}]}""", """{"type":"Card","children":[{"type":"Transition","children":{"type":"Title","value":"a"}}]}""")]
    public void Full_replace_situations_yield_one_root_update(string before, string after)
    {
        var update = Assert.Single(WidgetDiff.Diff(WidgetRoot.Parse(before), WidgetRoot.Parse(after)));
        WidgetTestJson.Equal(after, Assert.IsType<WidgetRootUpdated>(update).Widget);
    }

    [Theory]
    // nulls are absent; numbers compare by value; key order is irrelevant
    [InlineData("""{"type":"Card","size":null,"children":[{"type":"Text","value":"x","color":null}]}""", """{"type":"Card","children":[{"type":"Text","value":"x"}]}""")]
    [InlineData("""{"type":"Card","children":[{"type":"Box","size":25,"padding":{"x":1.0}}]}""", """{"type":"Card","children":[{"type":"Box","size":25.0,"padding":{"x":1}}]}""")]
    [InlineData("""{"children":[{"value":"x","type":"Text","size":"sm"}],"type":"Card"}""", """{"type":"Card","children":[{"type":"Text","size":"sm","value":"x"}]}""")]
    [InlineData("""{"type":"Card","children":[{"type":"Button","onClickAction":{"type":"a","payload":{"x":null,"y":[1,null]}}}]}""", """{"type":"Card","children":[{"type":"Button","onClickAction":{"type":"a","payload":{"y":[1]}}}]}""")]
    // appends to nodes without an id (or an empty id) are silent
    [InlineData("""{"type":"Card","children":[{"type":"Markdown","value":"a","streaming":true}]}""", """{"type":"Card","children":[{"type":"Markdown","value":"ab","streaming":true}]}""")]
    [InlineData("""{"type":"Card","children":[{"type":"Text","id":"","value":"a"}]}""", """{"type":"Card","children":[{"type":"Text","id":"","value":"ab"}]}""")]
    public void Invisible_or_silent_changes_yield_no_update(string before, string after) =>
        Assert.Empty(WidgetDiff.Diff(WidgetRoot.Parse(before), WidgetRoot.Parse(after)));

    [Fact]
    public void Deltas_follow_document_order_with_done_from_the_streaming_flag()
    {
        var before = WidgetRoot.Parse("""
        {"type":"Card","children":[
          {"type":"Col","children":[{"type":"Text","id":"a","value":"1","streaming":true},{"type":"Markdown","id":"b","value":"2"}]},
          {"type":"Markdown","id":"c","value":"3","streaming":false},
          {"type":"Text","id":"d","value":"4","streaming":true},
          {"type":"Transition","children":{"type":"Text","id":"e","value":"5","streaming":true}}]}
        """);
        var after = WidgetRoot.Parse("""
        {"type":"Card","children":[
          {"type":"Col","children":[{"type":"Text","id":"a","value":"1a","streaming":true},{"type":"Markdown","id":"b","value":"2b"}]},
          {"type":"Markdown","id":"c","value":"3c","streaming":false},
          {"type":"Text","id":"d","value":"4","streaming":true},
          {"type":"Transition","children":{"type":"Text","id":"e","value":"5e","streaming":true}}]}
        """);
        var deltas = WidgetDiff.Diff(before, after).Cast<WidgetStreamingTextValueDelta>().ToList();
        Assert.Equal(["a:a:False", "b:b:True", "c:c:True", "e:e:False"], deltas.Select(d => $"{d.ComponentId}:{d.Delta}:{d.Done}"));
    }

    [Fact]
    public void Unicode_appends_produce_the_exact_suffix()
    {
        var before = new Card { Children = [new Markdown { Id = "m", Value = "héllo 👋", Streaming = true }] };
        var after = new Card { Children = [new Markdown { Id = "m", Value = "héllo 👋 wörld 🌍", Streaming = true }] };
        var delta = Assert.IsType<WidgetStreamingTextValueDelta>(Assert.Single(WidgetDiff.Diff(before, after)));
        Assert.Equal(" wörld 🌍", delta.Delta);
    }

    [Fact]
    public void Never_emits_component_updates_and_leaves_inputs_untouched()
    {
        var before = new Card { Children = [new Text { Id = "t", Value = "a", Streaming = true }] };
        var after = new Card { Children = [new Text { Id = "t", Value = "ab", Streaming = true }] };
        var beforeJson = before.ToJsonString();
        var afterJson = after.ToJsonString();
        var updates = WidgetDiff.Diff(before, after);
        Assert.DoesNotContain(updates, u => u is WidgetComponentUpdated);
        Assert.Equal(beforeJson, before.ToJsonString());
        Assert.Equal(afterJson, after.ToJsonString());
    }

    [Fact]
    public void Applying_the_diff_reproduces_the_new_state()
    {
        var states = new[]
        {
            """{"type":"Card","children":[{"type":"Title","value":"Draft"},{"type":"Markdown","id":"body","value":"","streaming":true}]}""",
            """{"type":"Card","children":[{"type":"Title","value":"Draft"},{"type":"Markdown","id":"body","value":"Dear","streaming":true}]}""",
            """{"type":"Card","children":[{"type":"Title","value":"Draft"},{"type":"Markdown","id":"body","value":"Dear Harry","streaming":true}]}""",
            """{"type":"Card","children":[{"type":"Title","value":"Draft"},{"type":"Markdown","id":"body","value":"Dear Harry.","streaming":false}]}""",
            """{"type":"ListView","children":[]}""",
        };
        var client = WidgetRoot.Parse(states[0]);
        for (var i = 1; i < states.Length; i++)
        {
            foreach (var update in WidgetDiff.Diff(WidgetRoot.Parse(states[i - 1]), WidgetRoot.Parse(states[i])))
            {
                client = WidgetUpdates.Apply(client, update);
            }

            // Deltas only touch value; the streaming flag flip is a root update.
            WidgetTestJson.Equal(states[i], client);
        }
    }
}
