using ChatKit.AI.Tests.Support;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

/// <summary>Workflows a tool drives through its <see cref="ChatKitToolContext"/>, and how the turn continues and ends them.</summary>
public sealed class ToolContextWorkflowTests
{
    private static ChatKitToolContext Context => ChatKitToolContext.Current ?? throw new InvalidOperationException("No ChatKit tool context.");

    private static List<System.Text.Json.Nodes.JsonObject> WorkflowEvents(List<System.Text.Json.Nodes.JsonObject> events, string workflowId) =>
        events.Where(e => (string?)e["item_id"] == workflowId || (string?)e["item"]?["id"] == workflowId).ToList();

    [Fact]
    public async Task A_workflow_a_tool_leaves_open_is_adopted_and_ends_when_the_message_starts()
    {
        var tool = AIFunctionFactory.Create(async () =>
        {
            await Context.StartWorkflowAsync(new Workflow { Type = WorkflowType.Custom });
            var first = await Context.AddWorkflowTaskAsync(new CustomTask { Title = "Searching", StatusIndicator = TaskStatusIndicator.Loading });
            await Context.AddWorkflowTaskAsync(new CustomTask { Title = "Reading" });
            await Context.UpdateWorkflowTaskAsync(first, new CustomTask { Title = "Searched", StatusIndicator = TaskStatusIndicator.Complete });
            return "found it";
        }, "research");
        var harness = new Harness(new ChatClientResponderOptions { Tools = [tool], ToolCallDisplay = ToolCallDisplay.None });
        harness.Client.Then(Call("call_1", "research")).Then(Text("Here is what I found."));

        var events = await harness.CreateThreadAsync("Research it");

        Assert.Equal(
            [
                "thread.item.added:workflow", "updated:workflow.task.added", "updated:workflow.task.updated", "thread.item.done:workflow",
                "thread.item.added:assistant_message",
            ],
            Harness.Shape(events).Skip(3).Take(5));
        var added = events[3]["item"]!["workflow"]!;
        Assert.Single(added["tasks"]!.AsArray()); // shown with its first task
        Assert.Equal(1, (int)events[4]["update"]!["task_index"]!);
        Assert.Equal(0, (int)events[5]["update"]!["task_index"]!);
        var done = events[6]["item"]!["workflow"]!;
        Assert.Equal(["Searched", "Reading"], done["tasks"]!.AsArray().Select(t => (string)t!["title"]!));
        Assert.NotNull(done["summary"]!["duration"]);
        Assert.False((bool)done["expanded"]!);
        var stored = Assert.Single((await harness.ItemsAsync(Harness.ThreadIdOf(events))).OfType<WorkflowItem>());
        Assert.Equal(2, stored.Workflow.Tasks.Count);
    }

    [Fact]
    public async Task An_existing_custom_summary_is_not_overwritten_on_automatic_end()
    {
        var tool = AIFunctionFactory.Create(async () =>
        {
            await Context.StartWorkflowAsync(new Workflow
            {
                Type = WorkflowType.Custom,
                Tasks = [new CustomTask { Title = "Checked three sources" }],
                Summary = new CustomSummary { Title = "Sources checked" },
            });
            return "ok";
        }, "check");
        var harness = new Harness(new ChatClientResponderOptions { Tools = [tool], ToolCallDisplay = ToolCallDisplay.None });
        harness.Client.Then(Call("call_1", "check")).Then(Text("All good."));

        var events = await harness.CreateThreadAsync("Check");

        var done = events.Single(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "workflow");
        Assert.Equal("Sources checked", (string)done["item"]!["workflow"]!["summary"]!["title"]!);
    }

    [Fact]
    public async Task An_explicit_end_takes_its_summary_and_expansion_and_the_next_task_starts_a_new_workflow()
    {
        var tool = AIFunctionFactory.Create(async () =>
        {
            await Context.AddWorkflowTaskAsync(new CustomTask { Title = "Step 1" });
            await Context.EndWorkflowAsync(new CustomSummary { Title = "Phase one" }, expanded: true);
            await Context.AddWorkflowTaskAsync(new CustomTask { Title = "Step 2" });
            return "ok";
        }, "phases");
        var harness = new Harness(new ChatClientResponderOptions { Tools = [tool], ToolCallDisplay = ToolCallDisplay.None });
        harness.Client.Then(Call("call_1", "phases")).Then(Text("Done."));

        var events = await harness.CreateThreadAsync("Go");

        var workflows = events.Where(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "workflow").Select(e => e["item"]!).ToList();
        Assert.Equal(2, workflows.Count);
        Assert.NotEqual((string)workflows[0]["id"]!, (string)workflows[1]["id"]!);
        Assert.Equal("Phase one", (string)workflows[0]["workflow"]!["summary"]!["title"]!);
        Assert.True((bool)workflows[0]["workflow"]!["expanded"]!);
        Assert.Equal("Step 2", (string)workflows[1]["workflow"]!["tasks"]![0]!["title"]!);
        Assert.NotNull(workflows[1]["workflow"]!["summary"]!["duration"]);
    }

    [Fact]
    public async Task A_workflow_left_open_at_a_client_tool_pause_is_resumed_by_the_next_turn()
    {
        var start = AIFunctionFactory.Create(async () =>
        {
            await Context.AddWorkflowTaskAsync(new CustomTask { Title = "Asked the browser" });
            Context.RequestClientToolCall("get_selection");
            return "sent";
        }, "start");
        var finish = AIFunctionFactory.Create(async () =>
        {
            return await Context.AddWorkflowTaskAsync(new CustomTask { Title = "Used the selection" });
        }, "finish");
        var harness = new Harness(new ChatClientResponderOptions { Tools = [start, finish], ToolCallDisplay = ToolCallDisplay.None });
        harness.Client
            .Then(Call("call_1", "start"))
            .Then(Call("call_2", "finish"))
            .Then(Text("Done with your selection."));

        var first = await harness.CreateThreadAsync("Use my selection");
        var threadId = Harness.ThreadIdOf(first);

        // Paused: the workflow is shown, stays open (no done event) and is stored before the client tool call.
        var workflowId = (string)first.Single(e => (string?)e["type"] == "thread.item.added")["item"]!["id"]!;
        Assert.DoesNotContain(first, e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["id"] == workflowId);
        Assert.Equal("thread.item.done:client_tool_call", Harness.Shape(first)[^1]);
        var paused = await harness.ItemsAsync(threadId);
        var open = Assert.IsType<WorkflowItem>(paused[^2]);
        Assert.Equal(workflowId, open.Id);
        Assert.Null(open.Workflow.Summary);

        var resumed = await harness.AddClientToolOutputAsync(threadId, """{"text":"hello"}""");

        // The same workflow continues: its second task, then it ends when the answer starts.
        var continued = WorkflowEvents(resumed, workflowId);
        Assert.Equal(["updated:workflow.task.added", "thread.item.done:workflow"], Harness.Shape(continued));
        Assert.Equal(1, (int)continued[0]["update"]!["task_index"]!);
        Assert.Equal(["Asked the browser", "Used the selection"], continued[1]["item"]!["workflow"]!["tasks"]!.AsArray().Select(t => (string)t!["title"]!));
        Assert.NotNull(continued[1]["item"]!["workflow"]!["summary"]!["duration"]);
        var items = await harness.ItemsAsync(threadId);
        Assert.Single(items.OfType<WorkflowItem>());
        Assert.Equal(2, items.OfType<WorkflowItem>().Single().Workflow.Tasks.Count);
        Assert.Equal("1", MessageText.Render(harness.Client.Calls[2]).Last(m => m.StartsWith("tool:", StringComparison.Ordinal))[^1..]);
    }

    [Fact]
    public async Task Updating_a_task_without_a_workflow_is_an_error_the_tool_sees()
    {
        Exception? seen = null;
        var tool = AIFunctionFactory.Create(async () =>
        {
            try
            {
                await Context.UpdateWorkflowTaskAsync(0, new CustomTask { Title = "x" });
            }
            catch (InvalidOperationException e)
            {
                seen = e;
            }

            await Context.AddWorkflowTaskAsync(new CustomTask { Title = "One" });
            try
            {
                await Context.UpdateWorkflowTaskAsync(5, new CustomTask { Title = "x" });
            }
            catch (ArgumentOutOfRangeException)
            {
                return "recovered";
            }

            return "not reached";
        }, "careless");
        var harness = new Harness(new ChatClientResponderOptions { Tools = [tool], ToolCallDisplay = ToolCallDisplay.None });
        harness.Client.Then(Call("call_1", "careless")).Then(Text("Fine."));

        var events = await harness.CreateThreadAsync("Go");

        Assert.IsType<InvalidOperationException>(seen);
        Assert.Contains("recovered", MessageText.Render(harness.Client.Calls[1]).Last());
        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
    }

    [Fact]
    public async Task A_workflow_a_tool_streams_itself_is_continued_and_closed_by_the_turn()
    {
        var tool = AIFunctionFactory.Create(async () =>
        {
            var item = new WorkflowItem
            {
                Id = Context.CreateItemId(Stores.StoreItemKind.Workflow), ThreadId = Context.Thread.Id, CreatedAt = Context.Now,
                Workflow = new Workflow { Type = WorkflowType.Custom, Tasks = [new CustomTask { Title = "Raw" }] },
            };
            await Context.StreamAsync(new ThreadItemAddedEvent { Item = item });
            await Context.StreamAsync(new ThreadItemUpdatedEvent { ItemId = item.Id, Update = new WorkflowTaskAdded { TaskIndex = 1, Task = new CustomTask { Title = "Raw 2" } } });
            await Context.AddWorkflowTaskAsync(new CustomTask { Title = "Through the context" });
            return "ok";
        }, "raw");
        var harness = new Harness(new ChatClientResponderOptions { Tools = [tool], ToolCallDisplay = ToolCallDisplay.None });
        harness.Client.Then(Call("call_1", "raw")).Then(Text("Done."));

        var events = await harness.CreateThreadAsync("Go");

        var done = events.Single(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "workflow")["item"]!;
        Assert.Equal(["Raw", "Raw 2", "Through the context"], done["workflow"]!["tasks"]!.AsArray().Select(t => (string)t!["title"]!));
        Assert.Equal(2, (int)events.Last(e => (string?)e["update"]?["type"] == "workflow.task.added")["update"]!["task_index"]!);
    }
}
