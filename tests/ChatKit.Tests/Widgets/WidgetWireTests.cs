using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Testing;
using ChatKit.Widgets;

namespace ChatKit.Tests.Widgets;

/// <summary>Widget JSON through the protocol serializer: catalog fixtures, pass-through, null dropping, validation.</summary>
public sealed class WidgetWireTests
{
    [Fact]
    public void Catalog_widget_item_round_trips_and_reads_typed()
    {
        var json = ProtocolFixtures.ReadText("catalog/items/widget.json");
        var item = Assert.IsType<WidgetItem>(JsonSerializer.Deserialize(json, ChatKitJson.Wire.ThreadItem));
        var expected = WidgetTestJson.Parse(json).AsObject();
        var actual = WidgetTestJson.Parse(WidgetTestJson.Wire(item)).AsObject();
        expected.Remove("created_at");
        actual.Remove("created_at");
        WidgetTestJson.Equal(expected, actual);
        Assert.Equal("Blue line / Orange line", item.CopyText);

        var list = Assert.IsType<ListView>(item.Widget);
        var first = list.Children[0];
        Assert.Equal("blue", first.Key);
        Assert.Equal(5, first.Gap!.Value.Number);
        Assert.Equal("line.select", first.OnClickAction!.Type);
        Assert.Equal("blue", first.OnClickAction.Payload!["id"]!.GetValue<string>());
        var box = Assert.IsType<Box>(first.Children[0]);
        Assert.Equal(Radius.Full, box.Radius);
        Assert.Equal("blue-500", box.Background!.Value.String);
        Assert.Equal(TextSize.Sm, Assert.IsType<Text>(first.Children[1]).Size);
        Assert.Empty(WidgetValidation.Validate(list));
    }

    [Fact]
    public void Catalog_widget_item_can_be_built_in_csharp()
    {
        ListViewItem Line(string id, string label) => new()
        {
            Key = id,
            Gap = 5,
            OnClickAction = ActionConfig.Create("line.select", new JsonObject { ["id"] = id }),
            Children = [new Box { Background = $"{id}-500", Radius = Radius.Full, Size = 25 }, new Text { Value = label, Size = TextSize.Sm }],
        };

        var item = new WidgetItem
        {
            Id = "msg_4d5e6f70",
            ThreadId = "thr_4f2a9c1b",
            CreatedAt = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(2_500_010),
            Widget = new ListView { Children = [Line("blue", "Blue line"), Line("orange", "Orange line")] },
            CopyText = "Blue line / Orange line",
        };
        var expected = ProtocolFixtures.Load("catalog/items/widget.json").AsObject();
        var actual = WidgetTestJson.Parse(WidgetTestJson.Wire(item)).AsObject();
        actual.Remove("created_at");
        expected.Remove("created_at");
        WidgetTestJson.Equal(expected, actual);
    }

    [Theory]
    [InlineData("catalog/updates/widget.component.updated.json", typeof(WidgetComponentUpdated))]
    [InlineData("catalog/updates/widget.root.updated.json", typeof(WidgetRootUpdated))]
    [InlineData("catalog/updates/widget.streaming_text.value_delta.json", typeof(WidgetStreamingTextValueDelta))]
    public void Catalog_widget_updates_round_trip(string path, Type type)
    {
        var json = ProtocolFixtures.ReadText(path);
        var update = JsonSerializer.Deserialize(json, ChatKitJson.Wire.ThreadItemUpdate)!;
        Assert.IsType(type, update);
        WidgetTestJson.Equal(WidgetTestJson.Parse(json), WidgetTestJson.Parse(WidgetTestJson.Wire(update)));
    }

    [Fact]
    public void Catalog_component_update_reads_typed_and_matches_the_helper()
    {
        var fixture = ProtocolFixtures.Load("catalog/updates/widget.component.updated.json");
        var update = (WidgetComponentUpdated)JsonSerializer.Deserialize(fixture, ChatKitJson.Wire.ThreadItemUpdate)!;
        Assert.Equal("success", Assert.IsType<Text>(update.Component).Color!.Value.String);

        var e = WidgetUpdates.ComponentUpdated("msg_1", new Text { Id = "status_text", Value = "Done", Color = "success" });
        WidgetTestJson.Equal(fixture, WidgetTestJson.Parse(WidgetTestJson.Wire(e.Update)));
    }

    [Theory]
    [InlineData("exchanges/13-threads.add_user_message.widget.json")]
    [InlineData("exchanges/14-threads.add_user_message.widget_streaming.json")]
    public void Exchange_widget_events_round_trip(string path)
    {
        foreach (var e in ProtocolFixtures.Load(path)["events"]!.AsArray())
        {
            var parsed = JsonSerializer.Deserialize(e, ChatKitJson.Wire.ThreadStreamEvent)!;
            var actual = WidgetTestJson.Parse(WidgetTestJson.Wire(parsed));
            if (actual["item"] is JsonObject item)
            {
                // Timestamps are re-formatted by the core converter; widgets are what matters here.
                item.Remove("created_at");
                e!["item"]!.AsObject().Remove("created_at");
            }

            WidgetTestJson.Equal(e, actual);
        }
    }

    [Fact]
    public void Sync_action_updated_item_round_trips()
    {
        var response = ProtocolFixtures.Load("exchanges/18-threads.sync_custom_action.json")["response"]!;
        var parsed = JsonSerializer.Deserialize(response, ChatKitJson.Wire.SyncCustomActionResponse)!;
        var widget = Assert.IsType<Basic>(Assert.IsType<WidgetItem>(parsed.UpdatedItem).Widget);
        Assert.Equal("Saved", Assert.IsType<Title>(Assert.IsType<Col>(widget.Children[0]).Children[0]).Value);
        var actual = WidgetTestJson.Parse(JsonSerializer.Serialize(parsed, ChatKitJson.Wire.SyncCustomActionResponse));
        actual["updated_item"]!.AsObject().Remove("created_at");
        response["updated_item"]!.AsObject().Remove("created_at");
        WidgetTestJson.Equal(response, actual);
    }

    [Fact]
    public void Unknown_components_and_props_pass_through()
    {
        const string json = """
        {"type":"Card","futureProp":{"deep":[1,"x",{"y":true}]},"children":[
          {"type":"Sparkline","points":[1,2,3],"color":"blue"},
          {"type":"Text","value":"x","experimentalGlow":true,"size":"sm"},
          {"type":"Button","label":"Go","onClickAction":{"type":"go","payload":{"a":1},"debounceMs":300}}]}
        """;
        var root = WidgetRoot.Parse(json);
        var sparkline = root.EnumerateChildren().First();
        Assert.Equal(typeof(WidgetComponent), sparkline.GetType());
        Assert.Equal("Sparkline", sparkline.Type);
        WidgetTestJson.Equal(json, root);

        // Changing a typed prop keeps the unknown ones.
        var text = (Text)root.EnumerateChildren().ElementAt(1);
        text.Size = TextSize.Lg;
        var button = (Button)root.EnumerateChildren().ElementAt(2);
        button.OnClickAction!.Handler = ActionHandler.Server;
        Assert.True(text["experimentalGlow"]!.GetValue<bool>());
        Assert.Equal(300, button.OnClickAction["debounceMs"]!.GetValue<int>());

        const string edited = """
        {"type":"Card","futureProp":{"deep":[1,"x",{"y":true}]},"children":[
          {"type":"Sparkline","points":[1,2,3],"color":"blue"},
          {"type":"Text","value":"x","experimentalGlow":true,"size":"lg"},
          {"type":"Button","label":"Go","onClickAction":{"type":"go","payload":{"a":1},"debounceMs":300,"handler":"server"}}]}
        """;
        WidgetTestJson.Equal(edited, root);

        var item = new WidgetItem { Id = "msg_1", ThreadId = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch, Widget = root };
        var wire = WidgetTestJson.Parse(WidgetTestJson.Wire(item));
        WidgetTestJson.Equal(WidgetTestJson.Parse(edited), wire["widget"]);
        var back = (WidgetItem)JsonSerializer.Deserialize(wire, ChatKitJson.Wire.ThreadItem)!;
        WidgetTestJson.Equal(edited, back.Widget);
    }

    [Fact]
    public void Stored_and_cloned_items_keep_the_widget_json_and_read_back_typed()
    {
        var item = new WidgetItem
        {
            Id = "msg_1", ThreadId = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch, CopyText = "c",
            Widget = new WidgetRoot(new JsonObject { ["type"] = "Card", ["children"] = new JsonArray(new JsonObject { ["type"] = "Text", ["value"] = "x", ["custom"] = 1 }) }),
        };
        const string widget = """{"type":"Card","children":[{"type":"Text","value":"x","custom":1}]}""";
        var clone = ChatKitJson.Clone(item);
        Assert.IsType<Card>(clone.Widget);
        Assert.NotSame(item.Widget.Json, clone.Widget.Json);
        WidgetTestJson.Equal(widget, clone.Widget);
        var stored = (WidgetItem)ChatKitJson.DeserializeStoredItem(ChatKitJson.SerializeItemForStorage(item));
        Assert.IsType<Card>(stored.Widget);
        Assert.IsType<Text>(stored.Widget.EnumerateChildren().Single());
        WidgetTestJson.Equal(widget, stored.Widget);
        Assert.Equal("c", stored.CopyText);
    }

    [Fact]
    public void Custom_components_can_be_built_with_the_indexer()
    {
        var card = new Card { Children = [new WidgetComponent("Sparkline") { ["points"] = new JsonArray(1, 2), ["id"] = "s" }] };
        WidgetTestJson.Equal("""{"type":"Card","children":[{"type":"Sparkline","points":[1,2],"id":"s"}]}""", card);
        Assert.Equal("s", card.Children[0].Id);
    }

    [Fact]
    public void Nulls_are_dropped_recursively_on_output_including_payloads_and_list_elements()
    {
        const string json = """
        {"type":"Card","size":null,"children":[
          null,
          {"type":"Text","value":"x","color":null},
          {"type":"Button","label":"Go","onClickAction":{"type":"go","payload":{"a":null,"b":[1,null,{"c":null}]},"handler":null}}],
         "status":{"text":"s","icon":null}}
        """;
        const string expected = """
        {"type":"Card","children":[
          {"type":"Text","value":"x"},
          {"type":"Button","label":"Go","onClickAction":{"type":"go","payload":{"b":[1,{}]}}}],
         "status":{"text":"s"}}
        """;
        var root = WidgetRoot.Parse(json);
        WidgetTestJson.Equal(expected, root);
        var item = new WidgetItem { Id = "msg_1", ThreadId = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch, Widget = root };
        WidgetTestJson.Equal(WidgetTestJson.Parse(expected), WidgetTestJson.Parse(WidgetTestJson.Wire(item))["widget"]);

        var built = new Button { Label = "Go", OnClickAction = ActionConfig.Create("go", new JsonObject { ["a"] = null, ["b"] = 1 }) };
        WidgetTestJson.Equal("""{"type":"Button","label":"Go","onClickAction":{"type":"go","payload":{"b":1}}}""", built);
        WidgetTestJson.Equal(expected, WidgetJson.ToJsonString(WidgetJson.WithoutNulls(WidgetTestJson.Parse(json))));
    }

    [Fact]
    public void List_view_children_rule_is_enforced_by_builders_and_reported_for_parsed_json()
    {
        Assert.Throws<ArgumentException>(() => new Card { Children = [new ListViewItem { Children = [] }] });
        var box = new Box();
        Assert.Throws<ArgumentException>(() => box.Children.Add(new ListViewItem { Children = [] }));
        Assert.Throws<ArgumentException>(() => new Transition { Child = new ListViewItem { Children = [] } });

        var parsed = WidgetRoot.Parse("""
        {"type":"ListView","children":[{"type":"Text","value":"x"},{"type":"ListViewItem","children":[{"type":"ListViewItem","children":[]}]}]}
        """);
        var errors = WidgetValidation.Validate(parsed);
        Assert.Equal(
            ["$.children[0]: A ListView can only contain ListViewItem nodes.", "$.children[1].children[0]: A ListViewItem can only be a direct child of a ListView."],
            errors.Select(e => e.ToString()));
        Assert.Throws<ArgumentException>(() => WidgetValidation.EnsureValid(parsed));

        var list = (ListView)parsed;
        Assert.Throws<InvalidOperationException>(() => list.Children[0]);
    }

    [Fact]
    public void Icon_names_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new Icon { Name = "not-an-icon" });
        Assert.Equal("lucide:arrow-right", new Icon { Name = "lucide:arrow-right" }.Name.Value);
        Assert.Equal("vendor:logo", new Button { IconStart = "vendor:logo" }.IconStart!.Value.Value);

        var parsed = WidgetRoot.Parse("""
        {"type":"Card","status":{"text":"s","icon":"nope"},"children":[{"type":"Icon","name":"bogus"},{"type":"Button","iconStart":"search","iconEnd":"vendor:"},{"type":"Icon","name":"clock"}]}
        """);
        var errors = WidgetValidation.Validate(parsed).Select(e => e.Path).ToList();
        Assert.Equal(["$.status.icon", "$.children[0].name", "$.children[1].iconEnd"], errors);
        var icon = (Icon)parsed.EnumerateChildren().First();
        Assert.Throws<InvalidOperationException>(() => icon.Name);
        // Invalid icon names are reported, not dropped or rewritten: the JSON reads back as written.
        WidgetTestJson.Equal("""
        {"type":"Card","status":{"text":"s","icon":"nope"},"children":[{"type":"Icon","name":"bogus"},{"type":"Button","iconStart":"search","iconEnd":"vendor:"},{"type":"Icon","name":"clock"}]}
        """, parsed);
    }

    [Fact]
    public void Find_and_enumerate_walk_children_including_single_child_transitions()
    {
        var root = new Card
        {
            Children = [new Col { Children = [new Transition { Child = new Text { Id = "deep", Value = "x" } }] }, new Markdown { Id = "m", Value = "" }],
        };
        Assert.Equal(["Card", "Col", "Transition", "Text", "Markdown"], root.DescendantsAndSelf().Select(c => c.Type));
        Assert.IsType<Text>(root.FindById("deep"));
        Assert.Null(root.FindById("nope"));
        Assert.Throws<InvalidOperationException>(() => root.FindById<Markdown>("deep"));
    }
}
