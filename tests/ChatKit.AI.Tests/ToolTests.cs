using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.AI.Tests.Support;
using ChatKit.Widgets;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class ToolTests
{
    private static AIFunction Weather(List<string>? log = null) =>
        AIFunctionFactory.Create(
            (string city) =>
            {
                log?.Add(city);
                return $"Sunny in {city}";
            },
            "get_weather",
            "Gets the weather of a city.");

    [Fact]
    public async Task A_tool_call_runs_the_tool_and_the_model_gets_the_result_on_the_next_call()
    {
        var cities = new List<string>();
        var harness = new Harness(new ChatClientResponderOptions { Tools = [Weather(cities)] });
        harness.Client
            .Then(Text("Let me check. "), Call("call_1", "get_weather", """{"city":"Paris"}"""))
            .Then(Text("It is sunny in Paris."));

        var events = await harness.CreateThreadAsync("Weather in Paris?");

        Assert.Equal(["Paris"], cities);
        Assert.Equal(
            [
                "thread.created", "thread.item.done:user_message", "stream_options",
                "thread.item.added:assistant_message",
                "updated:assistant_message.content_part.added",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.done",
                "thread.item.done:assistant_message",
                "progress_update",
                "thread.item.added:assistant_message",
                "updated:assistant_message.content_part.added",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.done",
                "thread.item.done:assistant_message",
            ],
            Harness.Shape(events));
        Assert.Equal("Calling get_weather…", (string)events[8]["text"]!);

        Assert.Equal(2, harness.Client.Calls.Count);
        var second = MessageText.Render(harness.Client.Calls[1]);
        Assert.Equal(3, second.Count);
        Assert.Equal("user: Weather in Paris?", second[0]);
        Assert.Equal("""assistant: Let me check.  | call call_1 get_weather({"city":"Paris"})""", second[1]);
        Assert.StartsWith("tool: result call_1 ", second[2]);
        Assert.Contains("Sunny in Paris", second[2]);
        Assert.Contains(harness.Client.Options[0]!.Tools!, t => t.Name == "get_weather");

        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.Equal(
            ["Let me check. ", "It is sunny in Paris."],
            items.OfType<AssistantMessageItem>().Select(m => m.Content[0].Text));
    }

    [Fact]
    public async Task Tool_results_can_be_remembered_for_later_turns_as_hidden_notes()
    {
        var harness = new Harness(new ChatClientResponderOptions
        {
            RememberToolResults = true,
            MaxRememberedToolResultLength = 12,
            Tools = [Weather(), AIFunctionFactory.Create(() => new string('x', 50), "long")],
        });
        harness.Client
            .Then(Call("c1", "get_weather", """{"city":"Rome"}"""), Call("c2", "long"))
            .Then(Text("Sunny."))
            .Then(Text("Yes."));

        var events = await harness.CreateThreadAsync("Rome?");
        Assert.DoesNotContain(events, e => (string?)e["item"]?["type"] == "sdk_hidden_context");
        await harness.AddUserMessageAsync(Harness.ThreadIdOf(events), "Sure?");

        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        var notes = items.OfType<SdkHiddenContextItem>().ToList();
        Assert.Equal(2, notes.Count);
        Assert.Contains("get_weather", notes[0].Content);
        Assert.Contains("""{"city":"Rome"}""", notes[0].Content);
        Assert.Contains("Sunny in Rom", notes[0].Content);
        Assert.EndsWith("… (truncated)", notes[1].Content);
        var seen = MessageText.Render(harness.Client.Calls[2]);
        Assert.Equal(5, seen.Count);
        Assert.Contains("get_weather", seen[1]);
        Assert.Equal("assistant: Sunny.", seen[3]);
    }

    [Fact]
    public async Task Parallel_calls_run_concurrently_when_enabled_and_results_keep_the_call_order()
    {
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var callIds = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        async Task<string> Slow(string name)
        {
            callIds[name] = ChatKitToolContext.Current!.Call.CallId;
            if (Interlocked.Increment(ref started) == 2)
            {
                bothStarted.TrySetResult();
            }

            await bothStarted.Task.WaitAsync(Harness.Timeout);
            return name.ToUpperInvariant();
        }

        var harness = new Harness(new ChatClientResponderOptions
        {
            AllowConcurrentInvocation = true,
            Tools = [AIFunctionFactory.Create((string name) => Slow(name), "shout")],
        });
        harness.Client
            .Then(Calls(
                new FunctionCallContent("a", "shout", new Dictionary<string, object?> { ["name"] = "first" }),
                new FunctionCallContent("b", "shout", new Dictionary<string, object?> { ["name"] = "second" })))
            .Then(Text("Done"));

        var events = await harness.CreateThreadAsync("Shout twice");

        Assert.Equal(2, events.Count(e => (string?)e["type"] == "progress_update"));
        Assert.Equal("a", callIds["first"]);
        Assert.Equal("b", callIds["second"]);
        var toolMessage = MessageText.Render(harness.Client.Calls[1])[^1];
        Assert.Matches("^tool: result a .*FIRST.* \\| result b .*SECOND", toolMessage);
        Assert.DoesNotContain(events, e => (string?)e["type"] == "error");
    }

    [Fact]
    public async Task Calls_run_one_after_the_other_by_default()
    {
        var order = new List<string>();
        var harness = new Harness(new ChatClientResponderOptions
        {
            Tools = [AIFunctionFactory.Create(async (string name) => { order.Add("start " + name); await Task.Delay(20); order.Add("end " + name); return name; }, "step")],
        });
        harness.Client
            .Then(Call("a", "step", """{"name":"1"}"""), Call("b", "step", """{"name":"2"}"""))
            .Then(Text("Done"));

        await harness.CreateThreadAsync("Go");

        Assert.Equal(["start 1", "end 1", "start 2", "end 2"], order);
    }

    [Fact]
    public async Task Invalid_arguments_unknown_tools_and_failing_tools_are_reported_to_the_model()
    {
        var invoked = new List<string>();
        var harness = new Harness(new ChatClientResponderOptions
        {
            Tools =
            [
                Weather(invoked),
                AIFunctionFactory.Create(new Func<string>(() => throw new InvalidOperationException("database offline")), "explode"),
            ],
        });
        harness.Client
            .Then(Calls(
                new FunctionCallContent("bad_json", "get_weather") { Exception = new JsonException("'{' is invalid after a value") },
                new FunctionCallContent("unknown", "launch_rockets"),
                new FunctionCallContent("fails", "explode")))
            .Then(Text("Sorry, something went wrong."));

        var events = await harness.CreateThreadAsync("Do things");

        Assert.Empty(invoked);
        var results = harness.Client.Calls[1][^1].Contents.Cast<FunctionResultContent>().ToList();
        Assert.Equal(["bad_json", "unknown", "fails"], results.Select(r => r.CallId));
        // Microsoft.Extensions.AI's own wording: the function-invoking client runs the loop.
        Assert.Equal("Error: Function failed.", (string)results[0].Result!);
        Assert.Contains("\"launch_rockets\" not found", (string)results[1].Result!);
        Assert.Equal("Error: Function failed.", (string)results[2].Result!);
        Assert.DoesNotContain("database offline", (string)results[2].Result!);
        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
    }

    [Fact]
    public async Task Tool_exception_details_can_be_shown_to_the_model()
    {
        var harness = new Harness(new ChatClientResponderOptions
        {
            IncludeDetailedErrors = true,
            Tools = [AIFunctionFactory.Create(new Func<string>(() => throw new InvalidOperationException("database offline")), "explode")],
        });
        harness.Client.Then(Call("c", "explode")).Then(Text("ok"));

        await harness.CreateThreadAsync("Go");

        var result = Assert.IsType<FunctionResultContent>(Assert.Single(harness.Client.Calls[1][^1].Contents));
        Assert.Equal("Error: Function failed. Exception: database offline", result.Result);
    }

    [Fact]
    public async Task Too_many_tool_rounds_end_with_a_clear_error()
    {
        var invocations = 0;
        var harness = new Harness(new ChatClientResponderOptions
        {
            MaximumIterationsPerRequest = 2,
            Tools = [AIFunctionFactory.Create(() => ++invocations, "again")],
        });
        harness.Client.Then(Call("1", "again")).Then(Call("2", "again")).Then(Call("3", "again")).Then(Text("never"));

        var events = await harness.CreateThreadAsync("Loop");

        Assert.Equal(2, invocations);
        Assert.Equal(3, harness.Client.Calls.Count);
        Assert.Equal(1, harness.Client.RemainingScripts);
        var error = events[^1];
        Assert.Equal("error", (string)error["type"]!);
        Assert.Equal("custom", (string)error["code"]!);
        Assert.Equal(harness.Options.MaximumIterationsExceededMessage, (string)error["message"]!);
        Assert.True((bool)error["allow_retry"]!);
    }

    [Fact]
    public async Task The_workflow_display_shows_a_task_per_call_and_closes_before_the_answer()
    {
        var harness = new Harness(new ChatClientResponderOptions
        {
            ToolCallDisplay = ToolCallDisplay.Workflow,
            ToolCallText = call => $"Checking the weather in {call.Arguments?["city"]}",
            Tools = [Weather()],
        });
        harness.Client.Then(Call("c1", "get_weather", """{"city":"Oslo"}""")).Then(Text("Cold."));

        var events = await harness.CreateThreadAsync("Oslo?");

        Assert.Equal(
            [
                "thread.created", "thread.item.done:user_message", "stream_options",
                "thread.item.added:workflow",
                "updated:workflow.task.updated",
                "thread.item.done:workflow",
                "thread.item.added:assistant_message",
                "updated:assistant_message.content_part.added",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.done",
                "thread.item.done:assistant_message",
            ],
            Harness.Shape(events));
        JsonAssert.Equal("""{"type":"custom","tasks":[{"status_indicator":"loading","type":"custom","title":"Checking the weather in Oslo"}],"expanded":false}""", events[3]["item"]!["workflow"]!);
        Assert.Equal("complete", (string)events[4]["update"]!["task"]!["status_indicator"]!);
        var done = events[5]["item"]!["workflow"]!;
        Assert.Equal("complete", (string)done["tasks"]![0]!["status_indicator"]!);
        Assert.NotNull(done["summary"]!["duration"]);

        // The stored workflow tells the model about the step on the next turn.
        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        var history = await new ThreadItemConverter().ToChatMessagesAsync(items);
        Assert.Contains(history, m => m.Text.Contains("Checking the weather in Oslo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tools_stream_progress_widgets_effects_and_hidden_context_through_their_context()
    {
        var widget = new WidgetRoot(new JsonObject { ["type"] = "Card", ["children"] = new JsonArray() });
        ChatKitToolContext<TestContext>? seen = null;
        var harness = new Harness(new ChatClientResponderOptions
        {
            ToolCallDisplay = ToolCallDisplay.Workflow,
            Tools =
            [
                AIFunctionFactory.Create(
                    async (AIFunctionArguments args, CancellationToken ct) =>
                    {
                        seen = ChatKitToolContext<TestContext>.Current;
                        var context = seen!;
                        Assert.Same(seen, ChatKitToolContext.Current);
                        await context.ProgressAsync("Loading the card", IconName.Search, ct);
                        await context.StreamWidgetAsync(widget, "Card copy", ct);
                        await context.ClientEffectAsync("confetti", new JsonObject { ["count"] = 3 }, ct);
                        await context.AddHiddenContextAsync(JsonValue.Create("the card shows 3 rows")!, ct);
                        return "shown";
                    },
                    "show_card"),
            ],
        });
        harness.Client.Then(Call("c1", "show_card")).Then(Text("There you go."));

        var events = await harness.CreateThreadAsync("Show me");

        Assert.NotNull(seen);
        Assert.Equal("user-1", seen!.RequestContext.UserId);
        Assert.Equal(
            [
                "thread.created", "thread.item.done:user_message", "stream_options",
                "thread.item.added:workflow",
                "progress_update",
                "thread.item.done:workflow",
                "thread.item.done:widget",
                "client_effect",
                "thread.item.added:assistant_message",
                "updated:assistant_message.content_part.added",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.done",
                "thread.item.done:assistant_message",
            ],
            Harness.Shape(events));
        Assert.Equal("complete", (string)events[5]["item"]!["workflow"]!["tasks"]![0]!["status_indicator"]!);
        Assert.Equal("Card copy", (string)events[6]["item"]!["copy_text"]!);
        JsonAssert.Equal("""{"count":3}""", events[7]["data"]!);

        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.Equal(
            ["UserMessageItem", "WorkflowItem", "WidgetItem", "HiddenContextItem", "AssistantMessageItem"],
            items.Select(i => i.GetType().Name));
        Assert.Null(ChatKitToolContext.Current);
    }

    [Fact]
    public async Task Host_services_are_reachable_through_the_arguments_services()
    {
        var host = new SingleService(new List<int> { 7 });
        object? context = null;
        object? hosted = null;
        var harness = new Harness(new ChatClientResponderOptions
        {
            Services = host,
            Tools =
            [
                AIFunctionFactory.Create(
                    (AIFunctionArguments args) =>
                    {
                        context = ChatKitToolContext<TestContext>.Current;
                        hosted = args.Services!.GetService(typeof(List<int>));
                        return "ok";
                    },
                    "probe"),
            ],
        });
        harness.Client.Then(Call("c", "probe")).Then(Text("done"));

        await harness.CreateThreadAsync("Go");

        Assert.IsType<ChatKitToolContext<TestContext>>(context);
        Assert.Same(host.Service, hosted);
    }

    private sealed class SingleService(object service) : IServiceProvider
    {
        public object Service { get; } = service;

        public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(Service) ? Service : null;
    }

    [Fact]
    public async Task A_tool_context_cannot_stream_after_its_tool_returned()
    {
        ChatKitToolContext? kept = null;
        var harness = new Harness(new ChatClientResponderOptions
        {
            Tools = [AIFunctionFactory.Create(() => { kept = ChatKitToolContext.Current; return "ok"; }, "keep")],
        });
        harness.Client.Then(Call("c", "keep")).Then(Text("ok"));

        await harness.CreateThreadAsync("Go");

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await kept!.ProgressAsync("late"));
    }
}
