using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatKit.Widgets;

namespace ChatKit.Tests.Widgets;

public sealed record SelectLine(string Id, int? Rank = null);

public sealed record TodoForm(TodoFields Todo);

public sealed record TodoFields(string Title, bool Done);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SelectLine))]
[JsonSerializable(typeof(TodoForm))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class WidgetActionTestJson : JsonSerializerContext;

/// <summary>ActionConfig, typed WidgetAction create/parse, form values.</summary>
public sealed class WidgetActionTests
{
    [Fact]
    public void Action_config_is_written_exactly_as_authored()
    {
        WidgetTestJson.Equal("""{"type":"go"}""", ActionConfig.Create("go"));
        WidgetTestJson.Equal("""{"type":"go","payload":{"id":1}}""", ActionConfig.Create("go", new JsonObject { ["id"] = 1 }));
        WidgetTestJson.Equal(
            """{"type":"go","payload":[1],"handler":"client","loadingBehavior":"container","streaming":false}""",
            ActionConfig.Create("go", new JsonArray(1), ActionHandler.Client, ActionLoadingBehavior.Container, streaming: false));
        WidgetTestJson.Equal(
            """{"type":"go","handler":"server","loadingBehavior":"self","streaming":true}""",
            new ActionConfig { Type = "go", Handler = ActionHandler.Server, LoadingBehavior = ActionLoadingBehavior.Self, Streaming = true });
        WidgetTestJson.Equal("""{"type":"go","loadingBehavior":"auto"}""", new ActionConfig { Type = "go", LoadingBehavior = ActionLoadingBehavior.Auto });
        WidgetTestJson.Equal("""{"type":"go","loadingBehavior":"none"}""", new ActionConfig { Type = "go", LoadingBehavior = ActionLoadingBehavior.None });
        Assert.Throws<ArgumentException>(() => ActionConfig.Create(""));
    }

    [Fact]
    public void Action_config_reads_back_typed_and_keeps_unknown_fields()
    {
        var action = ActionConfig.FromJson(JsonNode.Parse("""{"type":"go","payload":{"a":1},"handler":"client","loadingBehavior":"self","streaming":false,"extra":1}""")!.AsObject());
        Assert.Equal(("go", ActionHandler.Client, ActionLoadingBehavior.Self, false), (action.Type, action.Handler, action.LoadingBehavior, action.Streaming));
        action.Payload!["b"] = 2;
        WidgetTestJson.Equal("""{"type":"go","payload":{"a":1,"b":2},"handler":"client","loadingBehavior":"self","streaming":false,"extra":1}""", action);
        var custom = action.ToCustomAction();
        Assert.Equal("go", custom.Type);
        WidgetTestJson.Equal(JsonNode.Parse("""{"a":1,"b":2}"""), custom.Payload);
        Assert.NotSame(action.Payload, custom.Payload);
    }

    [Fact]
    public void Typed_actions_create_action_configs_with_source_generated_payloads()
    {
        var action = WidgetAction.Create("line.select", new SelectLine("blue"), WidgetActionTestJson.Default.SelectLine);
        WidgetTestJson.Equal("""{"type":"line.select","payload":{"id":"blue"}}""", action.ToActionConfig());
        ActionConfig config = action;
        var item = new ListViewItem { Children = [], OnClickAction = action };
        WidgetTestJson.Equal("""{"type":"ListViewItem","children":[],"onClickAction":{"type":"line.select","payload":{"id":"blue"}}}""", item);
        WidgetTestJson.Equal("""{"type":"line.select","payload":{"id":"blue"},"streaming":false}""", action.ToActionConfig(streaming: false));
        WidgetTestJson.Equal(config.Json, ActionConfig.Create("line.select", new SelectLine("blue"), WidgetActionTestJson.Default.SelectLine).Json);
    }

    [Fact]
    public void Incoming_actions_parse_into_typed_payloads()
    {
        var incoming = new CustomAction { Type = "line.select", Payload = JsonNode.Parse("""{"id":"orange","rank":2,"extra":true}""") };
        var parsed = WidgetAction.Parse(incoming, "line.select", WidgetActionTestJson.Default.SelectLine);
        Assert.Equal(new SelectLine("orange", 2), parsed.Payload);
        Assert.Equal("line.select", parsed.Type);

        Assert.True(WidgetAction.TryParse(incoming, "line.select", WidgetActionTestJson.Default.SelectLine, out var ok));
        Assert.Equal("orange", ok.Payload.Id);
        Assert.False(WidgetAction.TryParse(incoming, "other", WidgetActionTestJson.Default.SelectLine, out var none));
        Assert.Null(none);

        // Round trip: what a typed action sends parses back to the same payload.
        var sent = WidgetAction.Create("line.select", new SelectLine("x", 1), WidgetActionTestJson.Default.SelectLine).ToCustomAction();
        Assert.Equal(new SelectLine("x", 1), WidgetAction.Parse(sent, WidgetActionTestJson.Default.SelectLine).Payload);
    }

    [Fact]
    public void Parse_errors_name_the_action_and_the_problem()
    {
        var wrongType = Assert.Throws<WidgetActionPayloadException>(() =>
            WidgetAction.Parse(new CustomAction { Type = "b", Payload = new JsonObject() }, "a", WidgetActionTestJson.Default.SelectLine));
        Assert.Equal("b", wrongType.ActionType);
        Assert.Contains("Expected a 'a' action, got 'b'", wrongType.Message);
        Assert.Equal(400, wrongType.StatusCode);

        var missing = Assert.Throws<WidgetActionPayloadException>(() =>
            WidgetAction.Parse(new CustomAction { Type = "a" }, WidgetActionTestJson.Default.SelectLine));
        Assert.Contains("has no payload; expected SelectLine", missing.Message);

        var nullPayload = Assert.Throws<WidgetActionPayloadException>(() =>
            WidgetAction.Parse(new CustomAction { Type = "a", Payload = JsonValue.Create((string?)null) }, WidgetActionTestJson.Default.SelectLine));
        Assert.Contains("SelectLine", nullPayload.Message);

        var badShape = Assert.Throws<WidgetActionPayloadException>(() =>
            WidgetAction.Parse(new CustomAction { Type = "a", Payload = JsonNode.Parse("""{"id":5}""") }, WidgetActionTestJson.Default.SelectLine));
        Assert.Contains("payload does not match SelectLine", badShape.Message);
        Assert.NotNull(badShape.InnerException);

        var notObject = Assert.Throws<WidgetActionPayloadException>(() =>
            WidgetAction.Parse(new CustomAction { Type = "a", Payload = JsonValue.Create("x") }, WidgetActionTestJson.Default.SelectLine));
        Assert.Contains("does not match", notObject.Message);

        // A matching type with a bad payload is a bug, so TryParse throws too.
        Assert.Throws<WidgetActionPayloadException>(() =>
            WidgetAction.TryParse(new CustomAction { Type = "a", Payload = JsonNode.Parse("""{"id":[]}""") }, "a", WidgetActionTestJson.Default.SelectLine, out _));

        var number = WidgetAction.Parse(new CustomAction { Type = "n", Payload = JsonValue.Create(3) }, WidgetActionTestJson.Default.Int32);
        Assert.Equal(3, number.Payload);
        var any = WidgetAction.Parse(new CustomAction { Type = "n" }, WidgetActionTestJson.Default.JsonNode);
        Assert.Null(any.Payload);
    }

    [Fact]
    public void Form_values_arrive_merged_into_the_payload_with_dotted_names_nested()
    {
        // What the client does when a Form's submit action fires: authored payload + each control's value by name.
        var authored = ActionConfig.Create("todo.save", new JsonObject { ["listId"] = "l1", ["todo"] = new JsonObject { ["id"] = "t1" } });
        var payload = FormValues.Merge(authored.Payload, [
            KeyValuePair.Create("todo.title", (JsonNode?)"Buy milk"),
            KeyValuePair.Create("todo.done", (JsonNode?)true),
            KeyValuePair.Create("todo.due.date", (JsonNode?)"2025-06-01T00:00:00"),
            KeyValuePair.Create("listId", (JsonNode?)"collides"),
            KeyValuePair.Create("todo.id", (JsonNode?)"collides"),
            KeyValuePair.Create("listId.x", (JsonNode?)"under a string"),
        ]);
        WidgetTestJson.Equal(
            """{"listId":"l1","todo":{"id":"t1","title":"Buy milk","done":true,"due":{"date":"2025-06-01T00:00:00"}}}""",
            payload.ToJsonString());
        Assert.Equal("""{"listId":"l1","todo":{"id":"t1"}}""", authored.Payload!.ToJsonString());

        var action = new CustomAction { Type = "todo.save", Payload = payload };
        var form = FormValues.From(action);
        Assert.Equal("Buy milk", form.GetString("todo.title"));
        Assert.True(form.GetBoolean("todo.done"));
        Assert.Equal("2025-06-01T00:00:00", form.GetString("todo.due.date"));
        Assert.Null(form.GetString("todo.missing"));
        Assert.Null(form.GetString("nope.deeper"));
        Assert.False(form.Contains("todo.title.deeper"));
        Assert.Throws<FormatException>(() => form.GetString("todo.done"));
        Assert.Throws<FormatException>(() => form.GetBoolean("todo.title"));

        var typed = WidgetAction.Parse(action, WidgetActionTestJson.Default.TodoForm);
        Assert.Equal(new TodoFields("Buy milk", true), typed.Payload.Todo);
        Assert.Equal(new TodoFields("Buy milk", true), form.Get("todo", WidgetActionTestJson.Default.TodoFields));
        Assert.Throws<FormatException>(() => form.Get("todo", WidgetActionTestJson.Default.TodoForm));
        Assert.Equal(new SelectLine("t1"), form.Get("todo", WidgetActionTestJson.Default.SelectLine));
    }

    [Fact]
    public void Form_values_accept_checkbox_strings_and_reject_non_object_payloads()
    {
        var form = FormValues.From(JsonNode.Parse("""{"a":"on","b":"false","c":null}"""));
        Assert.True(form.GetBoolean("a"));
        Assert.False(form.GetBoolean("b"));
        Assert.Null(form.GetBoolean("c"));
        Assert.True(form.Contains("c"));
        Assert.Throws<ArgumentException>(() => FormValues.Merge(JsonValue.Create(1), []));
        Assert.Equal("""{"x":1}""", FormValues.Merge(null, [KeyValuePair.Create("x", (JsonNode?)1)]).ToJsonString());
    }

    [Fact]
    public void Card_confirm_and_cancel_carry_actions()
    {
        var card = new Card
        {
            AsForm = true,
            Children = [new Input { Name = "profile.name", Required = true }],
            Confirm = new CardAction("Save", ActionConfig.Create("profile.save", streaming: false)),
            Cancel = new CardAction("Cancel", ActionConfig.Create("profile.cancel", handler: ActionHandler.Client)),
        };
        Assert.Equal("profile.save", card.Confirm!.Action.Type);
        Assert.False(card.Confirm.Action.Streaming);
        Assert.Equal(ActionHandler.Client, card.Cancel!.Action.Handler);
    }
}
