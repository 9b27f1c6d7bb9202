using System.Net;
using System.Text.Json.Nodes;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Demo.Tests;

/// <summary>The offline assistant's controls card: every control, and each action echoed back in the card.</summary>
public sealed class ControlsCardTests : IAsyncLifetime
{
    private DemoHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_card_has_every_control_with_change_actions()
    {
        using var client = _host.CreateClient();
        var created = await client.StreamAsync(CreateThread("show the widget controls"));
        var json = LastDone(created, "widget")["widget"]!.ToJsonString();
        foreach (var type in new[] { "Select", "DatePicker", "Checkbox", "RadioGroup", "Textarea", "Label", "Transition", "Form" })
        {
            Assert.Contains($"\"type\":\"{type}\"", json, StringComparison.Ordinal);
        }

        Assert.Contains("\"editable\":{\"name\":\"summary\"", json, StringComparison.Ordinal);
        Assert.Equal(4, json.Split("\"onChangeAction\"").Length - 1);
        Assert.DoesNotContain("Offline demo counter", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_is_echoed_and_the_card_keeps_every_sent_value()
    {
        using var client = _host.CreateClient();
        var created = await client.StreamAsync(CreateThread("show the widget controls"));
        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();
        var widgetId = LastDone(created, "widget")["id"]!.GetValue<string>();

        var payload = new JsonObject
        {
            ["control"] = "due", ["value"] = "2026-03-04T00:00:00.000Z",
            ["fruit"] = "cherry", ["due"] = "2026-03-04T00:00:00.000Z", ["subscribe"] = true, ["size"] = "m", ["notes"] = "n", ["summary"] = "s",
        };
        var changed = await client.StreamAsync(Action(threadId, widgetId, "demo.controls.changed", payload));
        Assert.Equal(["stream_options", "thread.item.replaced"], Types(changed));
        var widget = WidgetRootOf(changed[1]["item"]!);
        Assert.Equal("demo.controls.changed: due = \"2026-03-04T00:00:00.000Z\"", widget.FindById<Widgets.Text>("controls-echo")!.Value);
        var components = widget.DescendantsAndSelf().ToList();
        Assert.Equal("cherry", components.OfType<Widgets.Select>().Single().DefaultValue);
        Assert.Equal("2026-03-04T00:00:00.000Z", components.OfType<Widgets.DatePicker>().Single().DefaultValue);
        Assert.True(components.OfType<Widgets.Checkbox>().Single().DefaultChecked);
        Assert.Equal("m", components.OfType<Widgets.RadioGroup>().Single().DefaultValue);
        Assert.Equal("n", components.OfType<Widgets.Textarea>().Single().DefaultValue);

        var submitted = await client.StreamAsync(Action(threadId, widgetId, "demo.controls.submit", new JsonObject { ["fruit"] = null, ["size"] = "l" }));
        Assert.Equal("demo.controls.submit: {\"fruit\":null,\"size\":\"l\"}", WidgetRootOf(submitted[1]["item"]!).FindById<Widgets.Text>("controls-echo")!.Value);

        // The replaced card is what the store keeps.
        var (_, items) = await client.PostJsonAsync(ListItems(threadId));
        var stored = items!["data"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == widgetId);
        Assert.Contains("demo.controls.submit: ", stored!["widget"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_payload_is_echoed_without_breaking_the_card()
    {
        using var client = _host.CreateClient();
        var created = await client.StreamAsync(CreateThread("show the widget controls"));
        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();
        var widgetId = LastDone(created, "widget")["id"]!.GetValue<string>();

        var odd = await client.StreamAsync(Action(threadId, widgetId, "demo.controls.changed", new JsonObject { ["fruit"] = 5, ["subscribe"] = "yes" }));
        var widget = WidgetRootOf(odd[1]["item"]!);
        Assert.Equal("demo.controls.changed: ? = null", widget.FindById<Widgets.Text>("controls-echo")!.Value);
        Assert.Null(widget.DescendantsAndSelf().OfType<Widgets.Select>().Single().DefaultValue);

        var notAnObject = await client.StreamAsync(Action(threadId, widgetId, "demo.controls.submit", JsonValue.Create("oops")));
        Assert.Equal("demo.controls.submit: {}", WidgetRootOf(notAnObject[1]["item"]!).FindById<Widgets.Text>("controls-echo")!.Value);

        var (status, _) = await client.PostJsonAsync(ListItems(threadId));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static Widgets.WidgetRoot WidgetRootOf(JsonNode item) =>
        (Widgets.WidgetRoot)Widgets.WidgetComponent.FromJson(item["widget"]!.DeepClone().AsObject());
}
