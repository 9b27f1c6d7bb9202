using System.Text.Json.Nodes;
using ChatKit.Widgets;

namespace ChatKit.Demo;

/// <summary>The demo's interactive counter card: server, synchronous and client-handled actions, and a form.</summary>
internal static class DemoWidgets
{
    public const string IncrementAction = "demo.increment";
    public const string ResetAction = "demo.reset";
    public const string ClientAction = "demo.client";
    public const string NoteAction = "demo.note";

    public static WidgetItem CounterItem(string id, string threadId, DateTimeOffset createdAt, int count, string? note) => new()
    {
        Id = id,
        ThreadId = threadId,
        CreatedAt = createdAt,
        CopyText = $"Counter: {count}",
        Widget = new WidgetRoot(new JsonObject
        {
            ["type"] = "Card",
            ["size"] = "md",
            ["children"] = new JsonArray(
                new JsonObject { ["type"] = "Title", ["value"] = "Offline demo counter", ["size"] = "md" },
                new JsonObject { ["type"] = "Text", ["id"] = "counter", ["value"] = $"Count: {count}", ["size"] = "lg", ["weight"] = "semibold" },
                new JsonObject { ["type"] = "Text", ["id"] = "note", ["value"] = note is null ? "No note yet." : $"Note: {note}", ["size"] = "sm", ["color"] = "secondary" },
                new JsonObject
                {
                    ["type"] = "Row",
                    ["gap"] = 2,
                    ["children"] = new JsonArray(
                        Button("Add one", new JsonObject { ["type"] = IncrementAction, ["payload"] = new JsonObject { ["by"] = 1 } }, "primary"),
                        Button("Reset", new JsonObject { ["type"] = ResetAction, ["streaming"] = false }, "secondary"),
                        Button("Client action", new JsonObject { ["type"] = ClientAction, ["handler"] = "client", ["payload"] = new JsonObject { ["count"] = count } }, "secondary")),
                },
                new JsonObject
                {
                    ["type"] = "Form",
                    ["onSubmitAction"] = new JsonObject { ["type"] = NoteAction },
                    ["children"] = new JsonArray(
                        new JsonObject
                        {
                            ["type"] = "Row",
                            ["gap"] = 2,
                            ["children"] = new JsonArray(
                                new JsonObject { ["type"] = "Input", ["name"] = "note", ["placeholder"] = "Write a note", ["required"] = true },
                                new JsonObject { ["type"] = "Button", ["label"] = "Save note", ["submit"] = true, ["style"] = "secondary" }),
                        }),
                }),
        }),
    };

    public static int CountOf(WidgetItem item) =>
        item.Widget.FindById<Text>("counter")?.Value is { } value && int.TryParse(value.AsSpan("Count: ".Length), out var count) ? count : 0;

    public static string? NoteOf(WidgetItem item) =>
        item.Widget.FindById<Text>("note")?.Value is { } value && value.StartsWith("Note: ", StringComparison.Ordinal) ? value["Note: ".Length..] : null;

    private static JsonObject Button(string label, JsonObject action, string style) =>
        new() { ["type"] = "Button", ["label"] = label, ["onClickAction"] = action, ["style"] = style };
}
