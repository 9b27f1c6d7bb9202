using System.Text.Json.Nodes;
using ChatKit.AI.Tests.Support;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

/// <summary>The tool loop runs on Microsoft.Extensions.AI's FunctionInvokingChatClient; the turn only observes it.</summary>
public sealed class ToolLoopTests
{
    [Fact]
    public async Task Events_a_tool_streams_reach_the_client_while_the_tool_still_runs()
    {
        var events = new List<JsonObject>();
        var sawProgressWhileRunning = false;
        var harness = new Harness(new ChatClientResponderOptions
        {
            Tools =
            [
                AIFunctionFactory.Create(
                    async (CancellationToken ct) =>
                    {
                        await ChatKitToolContext.Current!.ProgressAsync("Half way", cancellationToken: ct);
                        // The tool does not return until the client has the progress event.
                        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                        while (DateTime.UtcNow < deadline)
                        {
                            lock (events)
                            {
                                if (events.Exists(e => (string?)e["text"] == "Half way"))
                                {
                                    sawProgressWhileRunning = true;
                                    break;
                                }
                            }

                            await Task.Delay(10, ct);
                        }

                        return "done";
                    },
                    "slow"),
            ],
        });
        harness.Client.Then(Call("c1", "slow")).Then(Text("Finished."));

        await harness.StreamAsync($$$"""{"type":"threads.create","params":{"input":{{{Harness.UserInput("Go")}}}}}""", sink: events);

        Assert.True(sawProgressWhileRunning);
        lock (events)
        {
            Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
        }
    }

    [Fact]
    public async Task A_pipeline_that_already_invokes_functions_is_not_wrapped_again()
    {
        var scripted = new ScriptedChatClient();
        var invocations = 0;
        ChatKitToolContext? seen = null;
        var pipeline = scripted.AsBuilder().UseFunctionInvocation().Build();
        var harness = new Harness(
            new ChatClientResponderOptions
            {
                Tools = [AIFunctionFactory.Create(() => { invocations++; seen = ChatKitToolContext.Current; return "42"; }, "answer")],
            },
            client: null,
            chatClient: pipeline);
        scripted.Then(Call("c1", "answer")).Then(Text("It is 42."));

        var events = await harness.CreateThreadAsync("What is it?");

        Assert.Equal(1, invocations);
        Assert.NotNull(seen);
        Assert.Equal("c1", seen!.Call.CallId);
        Assert.Equal(2, scripted.Calls.Count);
        Assert.Contains(events, e => (string?)e["type"] == "progress_update");
        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
    }

    [Fact]
    public async Task A_client_that_reports_its_own_calls_and_results_is_observed_not_re_invoked()
    {
        var invocations = 0;
        var harness = new Harness(new ChatClientResponderOptions
        {
            ChatClientInvokesFunctions = true,
            ToolCallDisplay = ToolCallDisplay.Workflow,
            Tools = [AIFunctionFactory.Create(() => ++invocations, "count")],
        });
        harness.Client.Then(
            Call("c1", "count"),
            new ChatResponseUpdate(ChatRole.Tool, [new FunctionResultContent("c1", 1)]),
            Text("Counted once."));

        var events = await harness.CreateThreadAsync("Count");

        Assert.Equal(0, invocations);
        Assert.Single(harness.Client.Calls);
        Assert.Equal(
            [
                "thread.item.added:workflow", "updated:workflow.task.updated", "thread.item.done:workflow",
                "thread.item.added:assistant_message",
            ],
            Harness.Shape(events).Skip(3).Take(4));
        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
    }

    [Fact]
    public async Task The_loop_settings_reach_the_function_invoking_client()
    {
        var harness = new Harness(new ChatClientResponderOptions
        {
            MaximumConsecutiveErrorsPerRequest = 0,
            Tools = [AIFunctionFactory.Create(new Func<string>(() => throw new InvalidOperationException("broken")), "explode")],
        });
        harness.Client.Then(Call("c", "explode")).Then(Text("never"));

        var events = await harness.CreateThreadAsync("Go");

        // No failure is tolerated: the tool's exception ends the turn with an error instead of going back to the model.
        Assert.Equal("error", (string)events[^1]["type"]!);
        Assert.Single(harness.Client.Calls);
    }
}
