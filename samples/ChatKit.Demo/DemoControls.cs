using System.Text.Json.Nodes;
using ChatKit.Widgets;

namespace ChatKit.Demo;

/// <summary>
/// The demo's form-controls card: every widget control, each change action and the form's submit echoed back in
/// the card, so a person (or a browser test) sees exactly what the server received.
/// </summary>
internal static class DemoControls
{
    /// <summary>Fired by a control's <c>onChangeAction</c>; the payload names the control and carries its new value.</summary>
    public const string ChangedAction = "demo.controls.changed";

    /// <summary>Fired by the form's submit button with every control's value.</summary>
    public const string SubmitAction = "demo.controls.submit";

    private const string EchoId = "controls-echo";

    public static WidgetItem Item(string id, string threadId, DateTimeOffset createdAt) => new()
    {
        Id = id,
        ThreadId = threadId,
        CreatedAt = createdAt,
        Widget = new WidgetRoot(new JsonObject
        {
            ["type"] = "Card",
            ["size"] = "lg",
            ["children"] = new JsonArray(
                new JsonObject { ["type"] = "Title", ["value"] = "Widget controls", ["size"] = "md" },
                new JsonObject
                {
                    ["type"] = "Transition",
                    ["children"] = new JsonObject { ["type"] = "Text", ["id"] = EchoId, ["value"] = "Nothing received yet.", ["size"] = "sm", ["color"] = "secondary" },
                },
                new JsonObject { ["type"] = "Divider", ["flush"] = true },
                new JsonObject
                {
                    ["type"] = "Form",
                    ["gap"] = 3,
                    ["onSubmitAction"] = new JsonObject { ["type"] = SubmitAction },
                    ["children"] = new JsonArray(
                        Field("Fruit", "fruit", new JsonObject
                        {
                            ["type"] = "Select", ["name"] = "fruit", ["placeholder"] = "Pick a fruit", ["clearable"] = true,
                            ["options"] = new JsonArray(Option("apple", "Apple"), Option("banana", "Banana"), Option("cherry", "Cherry"), Option("durian", "Durian", disabled: true)),
                            ["onChangeAction"] = Changed("fruit"),
                        }),
                        Field("Due date", "due", new JsonObject
                        {
                            ["type"] = "DatePicker", ["name"] = "due", ["placeholder"] = "Pick a date", ["clearable"] = true,
                            ["min"] = "2025-01-01T00:00:00Z", ["max"] = "2030-12-31T00:00:00Z", ["side"] = "bottom", ["align"] = "start",
                            ["onChangeAction"] = Changed("due"),
                        }),
                        new JsonObject { ["type"] = "Checkbox", ["name"] = "subscribe", ["label"] = "Subscribe to updates", ["onChangeAction"] = Changed("subscribe") },
                        Field("Size", "size", new JsonObject
                        {
                            ["type"] = "RadioGroup", ["name"] = "size", ["direction"] = "row",
                            ["options"] = new JsonArray(RadioOption("s", "Small"), RadioOption("m", "Medium"), RadioOption("l", "Large")),
                            ["onChangeAction"] = Changed("size"),
                        }),
                        Field("Notes", "notes", new JsonObject
                        {
                            ["type"] = "Textarea", ["name"] = "notes", ["placeholder"] = "Anything else?", ["rows"] = 2, ["autoResize"] = true, ["maxRows"] = 5,
                            ["pattern"] = "[^<>]*",
                        }),
                        Field("Summary", "summary", new JsonObject
                        {
                            ["type"] = "Text", ["value"] = "An editable summary", ["minLines"] = 2, ["maxLines"] = 4,
                            ["editable"] = new JsonObject { ["name"] = "summary", ["placeholder"] = "Summary" },
                        }),
                        new JsonObject
                        {
                            ["type"] = "Row",
                            ["children"] = new JsonArray(new JsonObject
                            {
                                ["type"] = "Button", ["label"] = "Send all", ["submit"] = true, ["iconStart"] = "check", ["iconSize"] = "lg",
                                ["color"] = "primary", ["variant"] = "solid", ["size"] = "lg",
                            }),
                        }),
                }),
        }),
    };

    /// <summary>
    /// The card after an action: the echo says what arrived, and each control's default is the value the form
    /// sent, so re-rendering the card keeps what the user chose.
    /// </summary>
    public static WidgetItem Echo(WidgetItem sender, string actionType, JsonNode? payload)
    {
        var widget = (WidgetRoot)sender.Widget.Clone();
        var values = payload as JsonObject ?? [];
        var echo = actionType == ChangedAction
            ? $"{actionType}: {values["control"]?.ToString() ?? "?"} = {values["value"]?.ToJsonString() ?? "null"}"
            : $"{actionType}: {Without(values, "control", "value").ToJsonString()}";
        foreach (var component in widget.DescendantsAndSelf())
        {
            Restore(component, values);
        }

        if (widget.FindById<Text>(EchoId) is { } text)
        {
            text.Value = echo;
        }

        return new WidgetItem { Id = sender.Id, ThreadId = sender.ThreadId, CreatedAt = sender.CreatedAt, Widget = widget };
    }

    private static void Restore(WidgetComponent component, JsonObject values)
    {
        string? Str(string name) => values[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        switch (component)
        {
            case Select select when values.ContainsKey(select.Name):
                select.DefaultValue = Str(select.Name);
                break;
            case DatePicker date when values.ContainsKey(date.Name):
                date.DefaultValue = Str(date.Name);
                break;
            case RadioGroup radio when values.ContainsKey(radio.Name):
                radio.DefaultValue = Str(radio.Name);
                break;
            case Textarea area when values.ContainsKey(area.Name):
                area.DefaultValue = Str(area.Name);
                break;
            case Checkbox box when values[box.Name] is JsonValue v && v.TryGetValue<bool>(out var on):
                box.DefaultChecked = on;
                break;
            case Text text when text.Json["editable"] is JsonObject e && e["name"]?.ToString() is { } name && Str(name) is { } value:
                text.Value = value;
                break;
        }
    }

    private static JsonObject Without(JsonObject values, params string[] names)
    {
        var copy = values.DeepClone().AsObject();
        foreach (var n in names)
        {
            copy.Remove(n);
        }

        return copy;
    }

    private static JsonObject Field(string label, string name, JsonObject control) => new()
    {
        ["type"] = "Col",
        ["gap"] = 1,
        ["children"] = new JsonArray(new JsonObject { ["type"] = "Label", ["value"] = label, ["fieldName"] = name }, control),
    };

    private static JsonObject Changed(string control) =>
        new() { ["type"] = ChangedAction, ["payload"] = new JsonObject { ["control"] = control } };

    private static JsonObject Option(string value, string label, bool disabled = false)
    {
        var option = new JsonObject { ["value"] = value, ["label"] = label };
        if (disabled)
        {
            option["disabled"] = true;
        }

        return option;
    }

    private static JsonObject RadioOption(string value, string label) => new() { ["value"] = value, ["label"] = label };
}
