using ChatKit.Widgets;

namespace ChatKit.Tests.Widgets;

/// <summary>Hand-written widget updates and applying updates to a widget.</summary>
public sealed class WidgetUpdatesTests
{
    private static WidgetRoot Sample() => WidgetRoot.Parse("""
        {"type":"Card","children":[{"type":"Text","id":"status_text","value":"Working"},
          {"type":"Col","children":[{"type":"Markdown","id":"body","value":"Dear","streaming":true}]},
          {"type":"Transition","children":{"type":"Text","id":"inner","value":"a"}}]}
        """);

    [Fact]
    public void Value_delta_appends_in_place()
    {
        var root = Sample();
        var result = WidgetUpdates.Apply(root, WidgetUpdates.TextDelta("msg_1", "body", " Harry", done: false).Update);
        Assert.Same(root, result);
        Assert.Equal("Dear Harry", root.FindById<Markdown>("body")!.Value);
        WidgetUpdates.Apply(root, new WidgetStreamingTextValueDelta { ComponentId = "inner", Delta = "b", Done = true });
        Assert.Equal("ab", root.FindById<Text>("inner")!.Value);
    }

    [Fact]
    public void Component_update_replaces_the_node_with_that_id()
    {
        var root = Sample();
        var e = WidgetUpdates.ComponentUpdated("msg_1", new Text { Id = "status_text", Value = "Done", Color = "success" });
        Assert.Equal("msg_1", e.ItemId);
        WidgetUpdates.Apply(root, e.Update);
        Assert.Equal("success", root.FindById<Text>("status_text")!.Color!.Value.String);
        WidgetUpdates.Apply(root, WidgetUpdates.ComponentUpdated("msg_1", new Badge { Id = "inner", Label = "New" }).Update);
        Assert.IsType<Badge>(root.FindById("inner"));
        WidgetTestJson.Equal("""
            {"type":"Card","children":[{"type":"Text","id":"status_text","value":"Done","color":"success"},
              {"type":"Col","children":[{"type":"Markdown","id":"body","value":"Dear","streaming":true}]},
              {"type":"Transition","children":{"type":"Badge","id":"inner","label":"New"}}]}
            """, root);
    }

    [Fact]
    public void Root_update_replaces_the_widget_and_item()
    {
        var item = new WidgetItem { Id = "msg_1", ThreadId = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch, Widget = Sample() };
        var replacement = new ListView { Children = [] };
        var e = WidgetUpdates.RootUpdated("msg_1", replacement);
        WidgetUpdates.Apply(item, e.Update);
        Assert.IsType<ListView>(item.Widget);
        Assert.NotSame(replacement, item.Widget);

        var root = WidgetRoot.Parse("""{"type":"Card","id":"r","children":[]}""");
        var swapped = WidgetUpdates.Apply(root, new WidgetComponentUpdated { ComponentId = "r", Component = new Basic { Id = "r", Children = [] } });
        Assert.IsType<Basic>(swapped);
    }

    [Fact]
    public void Unknown_ids_and_bad_inputs_fail_clearly()
    {
        var root = Sample();
        Assert.Contains("no component with id 'nope'", Assert.Throws<InvalidOperationException>(() =>
            WidgetUpdates.Apply(root, new WidgetStreamingTextValueDelta { ComponentId = "nope", Delta = "x", Done = true })).Message);
        Assert.Throws<InvalidOperationException>(() =>
            WidgetUpdates.Apply(root, new WidgetComponentUpdated { ComponentId = "nope", Component = new Divider() }));
        Assert.Throws<ArgumentException>(() => WidgetUpdates.ComponentUpdated("msg_1", new Text { Value = "no id" }));
        var unrelated = new WorkflowTaskAdded { TaskIndex = 0, Task = new ThoughtTask { Content = "x" } };
        Assert.Same(root, WidgetUpdates.Apply(root, unrelated));
    }
}
