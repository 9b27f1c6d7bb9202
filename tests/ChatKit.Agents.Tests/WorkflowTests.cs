using ChatKit.Agents.Tests.Support;
using ChatKit.Stores;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using AgentWorkflow = Microsoft.Agents.AI.Workflows.Workflow;

namespace ChatKit.Agents.Tests;

public sealed class WorkflowTests
{
    [Fact]
    public async Task Two_executors_show_as_tasks_started_and_completed_in_order_and_the_output_is_the_answer()
    {
        var harness = Harness(BuildTwoStepWorkflow(failSecond: false));

        var events = await harness.CreateThreadAsync("hello workflow");

        Assert.Equal(
            [
                "thread.created", "thread.item.done:user_message", "stream_options",
                "thread.item.added:workflow", "updated:workflow.task.updated",
                "updated:workflow.task.added", "updated:workflow.task.updated",
                "thread.item.done:workflow", "thread.item.done:assistant_message",
            ],
            AgentHarness.Shape(events));
        var added = events.First(e => (string?)e["type"] == "thread.item.added")["item"]!["workflow"]!;
        Assert.Equal("custom", (string?)added["type"]);
        Assert.Equal("Step: upper", (string?)added["tasks"]![0]!["title"]);
        Assert.Equal("loading", (string?)added["tasks"]![0]!["status_indicator"]);
        var updates = events.Where(e => (string?)e["type"] == "thread.item.updated").Select(e => e["update"]!).ToList();
        Assert.Equal((0, "complete"), ((int)updates[0]["task_index"]!, (string)updates[0]["task"]!["status_indicator"]!));
        Assert.Equal((1, "loading"), ((int)updates[1]["task_index"]!, (string)updates[1]["task"]!["status_indicator"]!));
        Assert.Equal("Step: exclaim", (string?)updates[1]["task"]!["title"]);
        Assert.Equal((1, "complete"), ((int)updates[2]["task_index"]!, (string)updates[2]["task"]!["status_indicator"]!));
        Assert.Equal("HELLO WORKFLOW!", AgentHarness.AnswerOf(events));
    }

    [Fact]
    public async Task A_failing_executor_ends_the_stream_with_an_error_and_the_next_turn_works()
    {
        var failing = Harness(BuildTwoStepWorkflow(failSecond: true));
        var threadId = AgentHarness.ThreadIdOf(await failing.CreateThreadAsync("boom"));

        var events = await failing.StreamAsync("""{"type":"threads.retry_after_item","params":{"thread_id":"THREAD","item_id":"ITEM"}}""".Replace("THREAD", threadId, StringComparison.Ordinal).Replace("ITEM", (await failing.ItemsAsync(threadId))[0].Id, StringComparison.Ordinal));

        Assert.Equal("error", (string?)events.Last()["type"]);
        var items = await failing.ItemsAsync(threadId);
        Assert.IsType<UserMessageItem>(items[0]);

        // The same thread answered by a workflow that works.
        var working = AgentHarness.ForWorkflow(BuildTwoStepWorkflow(failSecond: false), store: failing.Store);
        Assert.Equal("AGAIN!", AgentHarness.AnswerOf(await working.AddUserMessageAsync(threadId, "again")));
    }

    [Fact]
    public async Task A_sequential_workflow_of_two_agents_shows_each_agent_and_answers_with_the_last()
    {
        var writer = new ChatClientAgent(new ScriptedChatClient().Then(ScriptedChatClient.Text("A draft.")), name: "writer");
        var editor = new ChatClientAgent(new ScriptedChatClient().Then(ScriptedChatClient.Text("The final text.")), name: "editor");
        var workflow = AgentWorkflowBuilder.BuildSequential(writer, editor);
        var harness = Harness(workflow, new WorkflowResponderOptions { ShowExecutor = id => id.StartsWith("writer", StringComparison.Ordinal) || id.StartsWith("editor", StringComparison.Ordinal) });

        var events = await harness.CreateThreadAsync("Write something");

        Assert.Equal("The final text.", AgentHarness.AnswerOf(events));
        var workflowItem = events.Single(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "workflow")["item"]!["workflow"]!;
        var tasks = workflowItem["tasks"]!.AsArray();
        Assert.Equal(2, tasks.Count);
        Assert.StartsWith("writer", (string?)tasks[0]!["title"], StringComparison.Ordinal);
        Assert.Equal("A draft.", (string?)tasks[0]!["content"]);
        Assert.StartsWith("editor", (string?)tasks[1]!["title"], StringComparison.Ordinal);
        Assert.All(tasks, t => Assert.Equal("complete", (string?)t!["status_indicator"]));
    }

    private static AgentHarness Harness(AgentWorkflow workflow, WorkflowResponderOptions? options = null)
    {
        options ??= new WorkflowResponderOptions { ExecutorTitle = id => "Step: " + id };
        return AgentHarness.ForWorkflow(workflow, options);
    }

    private static AgentWorkflow BuildTwoStepWorkflow(bool failSecond)
    {
        var upper = ((Func<List<ChatMessage>, string>)(messages => messages.Last(m => m.Role == ChatRole.User).Text.ToUpperInvariant()))
            .BindAsExecutor("upper");
        // The value the last executor returns is the workflow's output.
        var exclaim = ((Func<string, string>)(text => failSecond ? throw new InvalidOperationException("exclaim broke") : text + "!"))
            .BindAsExecutor("exclaim");
        return new WorkflowBuilder(upper).AddEdge(upper, exclaim).WithOutputFrom(exclaim).Build();
    }
}
