using System.Text.Json.Nodes;
using ChatKit.AI.Tests.Support;
using ChatKit.Server;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class FailureTests
{
    [Fact]
    public async Task A_model_failure_mid_stream_keeps_the_partial_message_and_ends_with_a_retryable_error()
    {
        var harness = new Harness();
        harness.Client.ThenFail(new HttpRequestException("connection reset"), Text("Partial "), Text("answer"));

        var events = await harness.CreateThreadAsync("Question");

        Assert.Equal(
            [
                "thread.created", "thread.item.done:user_message", "stream_options",
                "thread.item.added:assistant_message",
                "updated:assistant_message.content_part.added",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.done",
                "thread.item.done:assistant_message",
                "error",
            ],
            Harness.Shape(events));
        JsonAssert.Equal("""{"type":"error","code":"stream.error","allow_retry":true}""", events[^1]);
        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.Equal("Partial answer", Assert.IsType<AssistantMessageItem>(items[^1]).Content[0].Text);
    }

    [Fact]
    public async Task The_partial_message_can_be_dropped_on_failure_instead()
    {
        var harness = new Harness(new ChatClientResponderOptions { KeepPartialMessageOnError = false });
        harness.Client.ThenFail(new HttpRequestException("connection reset"), Text("Partial"));

        var events = await harness.CreateThreadAsync("Question");

        Assert.Equal(["updated:assistant_message.content_part.text_delta", "thread.item.removed", "error"], Harness.Shape(events).TakeLast(3));
        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.IsType<UserMessageItem>(Assert.Single(items));
    }

    [Fact]
    public async Task A_failure_before_any_output_is_a_retryable_error_and_a_pending_reasoning_workflow_is_closed()
    {
        var harness = new Harness();
        harness.Client.ThenFail(new InvalidOperationException("rate limited"), Reasoning("Hmm"));

        var events = await harness.CreateThreadAsync("Question");

        Assert.Equal(
            ["thread.item.added:workflow", "updated:workflow.task.added", "thread.item.done:workflow", "error"],
            Harness.Shape(events).Skip(3));
        Assert.True((bool)events[^1]["allow_retry"]!);
    }

    [Fact]
    public async Task A_client_failing_before_streaming_after_a_tool_round_closes_the_tool_workflow_and_errors()
    {
        var harness = new Harness(new ChatClientResponderOptions
        {
            ToolCallDisplay = ToolCallDisplay.Workflow,
            Tools = [AIFunctionFactory.Create(() => "ok", "step")],
        });
        harness.Client.Then(Call("c", "step")).Then(_ => throw new InvalidOperationException("request rejected"));

        var events = await harness.CreateThreadAsync("Go");

        Assert.Equal(
            ["thread.item.added:workflow", "updated:workflow.task.updated", "thread.item.done:workflow", "error"],
            Harness.Shape(events).Skip(3));
        Assert.True((bool)events[^1]["allow_retry"]!);
    }

    [Fact]
    public async Task An_error_content_in_the_stream_ends_the_turn_with_an_error()
    {
        var harness = new Harness();
        harness.Client.Then(Text("Start"), new ChatResponseUpdate(ChatRole.Assistant, [new ErrorContent("content filter")]), Text("never shown"));

        var events = await harness.CreateThreadAsync("Question");

        Assert.Equal("error", (string)events[^1]["type"]!);
        Assert.DoesNotContain(events, e => (string?)e["update"]?["delta"] == "never shown");
        Assert.Equal("Start", Assert.IsType<AssistantMessageItem>((await harness.ItemsAsync(Harness.ThreadIdOf(events)))[^1]).Content[0].Text);
    }

    [Fact]
    public async Task An_empty_reply_gives_the_user_a_clear_error()
    {
        var harness = new Harness();
        harness.Client.Then(new ChatResponseUpdate(ChatRole.Assistant, string.Empty), new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop });

        var events = await harness.CreateThreadAsync("Question");

        Assert.Equal(["thread.created", "thread.item.done:user_message", "stream_options", "error"], Harness.Shape(events));
        Assert.Equal("custom", (string)events[^1]["code"]!);
        Assert.Equal(harness.Options.EmptyResponseMessage, (string)events[^1]["message"]!);
        Assert.True((bool)events[^1]["allow_retry"]!);
    }

    [Fact]
    public async Task A_whitespace_only_reply_is_withdrawn_and_reported()
    {
        var harness = new Harness();
        harness.Client.Then(Text("\n\n"));

        var events = await harness.CreateThreadAsync("Question");

        Assert.Equal(["updated:assistant_message.content_part.text_delta", "thread.item.removed", "error"], Harness.Shape(events).TakeLast(3));
        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.Single(items);
    }

    [Fact]
    public async Task Cancelling_mid_stream_cancels_the_model_call_and_keeps_the_partial_text_with_the_marker()
    {
        var harness = new Harness();
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Client.ThenHang(hanging, Text("Partial "), Text("ans"));
        using var cts = new CancellationTokenSource();
        var events = new List<JsonObject>();

        var run = harness.StreamAsync($$$"""{"type":"threads.create","params":{"input":{{{Harness.UserInput("Question")}}}}}""", cts.Token, events);
        await hanging.Task.WaitAsync(Harness.Timeout);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(harness.Client.ObservedCancellation);
        Assert.Equal("updated:assistant_message.content_part.text_delta", Harness.Shape(events)[^1]);

        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.Equal(3, items.Count);
        Assert.IsType<UserMessageItem>(items[0]);
        Assert.Equal("Partial ans", Assert.IsType<AssistantMessageItem>(items[1]).Content[0].Text);
        var marker = Assert.IsType<SdkHiddenContextItem>(items[2]);
        Assert.StartsWith("shcx_", marker.Id);
        Assert.Equal(ChatKitServer<TestContext>.CancelledStreamNotice, marker.Content);

        // The next turn tells the model about the cancellation.
        harness.Client.Then(Text("Okay."));
        await harness.AddUserMessageAsync(Harness.ThreadIdOf(events), "Never mind");
        var seen = MessageText.Render(harness.Client.Calls[1]);
        Assert.Equal("assistant: Partial ans", seen[1]);
        Assert.Contains(ChatKitServer<TestContext>.CancelledStreamNotice, seen[2]);
    }

    [Fact]
    public async Task Cancelling_while_a_tool_runs_cancels_the_tool()
    {
        var toolStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var toolCancelled = false;
        var harness = new Harness(new ChatClientResponderOptions
        {
            Tools =
            [
                AIFunctionFactory.Create(
                    async (CancellationToken ct) =>
                    {
                        toolStarted.TrySetResult();
                        try
                        {
                            await Task.Delay(Timeout.Infinite, ct);
                        }
                        catch (OperationCanceledException)
                        {
                            toolCancelled = true;
                            throw;
                        }

                        return "never";
                    },
                    "slow"),
            ],
        });
        harness.Client.Then(Call("c", "slow"));
        using var cts = new CancellationTokenSource();

        var run = harness.StreamAsync($$$"""{"type":"threads.create","params":{"input":{{{Harness.UserInput("Go")}}}}}""", cts.Token);
        await toolStarted.Task.WaitAsync(Harness.Timeout);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(toolCancelled);
    }
}
