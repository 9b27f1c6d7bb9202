using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.AI.Tests.Support;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class ClientToolTests
{
    private static AIFunctionDeclaration SelectionTool() =>
        AIFunctionFactory.CreateDeclaration(
            "get_selection",
            "Reads the text the user selected in the page.",
            JsonDocument.Parse("""{"type":"object","properties":{"kind":{"type":"string"}}}""").RootElement);

    [Fact]
    public async Task A_declared_client_tool_pauses_the_turn_and_the_output_resumes_it()
    {
        var harness = new Harness(new ChatClientResponderOptions { Tools = [SelectionTool()] });
        harness.Client
            .Then(Call("call_7", "get_selection", """{"kind":"text"}"""))
            .Then(Text("You selected: hello."));

        var events = await harness.CreateThreadAsync("What did I select?");

        Assert.Equal(
            ["thread.created", "thread.item.done:user_message", "stream_options", "progress_update", "thread.item.done:client_tool_call"],
            Harness.Shape(events));
        var call = events[^1]["item"]!;
        Assert.StartsWith("tc_", (string)call["id"]!);
        Assert.Equal("pending", (string)call["status"]!);
        Assert.Equal("call_7", (string)call["call_id"]!);
        Assert.Equal("get_selection", (string)call["name"]!);
        JsonAssert.Equal("""{"kind":"text"}""", call["arguments"]!);
        Assert.Null(call["output"]);
        Assert.Single(harness.Client.Calls);

        var threadId = Harness.ThreadIdOf(events);
        var resumed = await harness.AddClientToolOutputAsync(threadId, """{"text":"hello"}""");

        Assert.Equal(
            [
                "stream_options",
                "thread.item.added:assistant_message",
                "updated:assistant_message.content_part.added",
                "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.done",
                "thread.item.done:assistant_message",
            ],
            Harness.Shape(resumed));
        Assert.Equal(
            [
                "user: What did I select?",
                """assistant: call call_7 get_selection({"kind":"text"})""",
                """tool: result call_7 {"text":"hello"}""",
            ],
            MessageText.Render(harness.Client.Calls[1]));

        var items = await harness.ItemsAsync(threadId);
        var completed = Assert.IsType<ClientToolCallItem>(items[1]);
        Assert.Equal(ClientToolCallStatus.Completed, completed.Status);
        Assert.IsType<AssistantMessageItem>(items[2]);
    }

    [Fact]
    public async Task A_client_tool_picked_in_the_composer_is_required_only_before_the_pause()
    {
        var harness = new Harness(new ChatClientResponderOptions { Tools = [SelectionTool()] });
        harness.Client.Then(Call("c1", "get_selection")).Then(Text("Thanks."));

        var events = await harness.CreateThreadAsync("Use my selection", toolChoice: "get_selection");
        await harness.AddClientToolOutputAsync(Harness.ThreadIdOf(events), "\"hi\"");

        Assert.IsType<RequiredChatToolMode>(harness.Client.Options[0]!.ToolMode);
        Assert.Null(harness.Client.Options[1]!.ToolMode);
    }

    [Fact]
    public async Task A_server_tool_can_hand_the_turn_to_a_client_tool()
    {
        var harness = new Harness(new ChatClientResponderOptions
        {
            Tools =
            [
                AIFunctionFactory.Create(
                    (string color) =>
                    {
                        ChatKitToolContext.Current!.RequestClientToolCall("set_theme", new JsonObject { ["color"] = color });
                        return "ignored";
                    },
                    "change_theme"),
            ],
        });
        harness.Client
            .Then(Text("Switching."), Call("call_1", "change_theme", """{"color":"dark"}"""))
            .Then(Text("Theme changed."));

        var events = await harness.CreateThreadAsync("Dark mode please");

        var call = events[^1]["item"]!;
        Assert.Equal("client_tool_call", (string)call["type"]!);
        Assert.Equal("set_theme", (string)call["name"]!);
        Assert.Equal("call_1", (string)call["call_id"]!);
        JsonAssert.Equal("""{"color":"dark"}""", call["arguments"]!);

        var resumed = await harness.AddClientToolOutputAsync(Harness.ThreadIdOf(events), "null");

        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(resumed)[^1]);
        Assert.Equal(
            [
                "user: Dark mode please",
                "assistant: Switching.",
                """assistant: call call_1 set_theme({"color":"dark"})""",
                "tool: result call_1 null",
            ],
            MessageText.Render(harness.Client.Calls[1]));
    }

    [Fact]
    public async Task A_client_tool_call_closes_an_open_tool_workflow_first()
    {
        var harness = new Harness(new ChatClientResponderOptions { Tools = [SelectionTool()], ToolCallDisplay = ToolCallDisplay.Workflow });
        harness.Client.Then(Call("c", "get_selection"));

        var events = await harness.CreateThreadAsync("Go");

        Assert.Equal(
            ["thread.item.added:workflow", "updated:workflow.task.updated", "thread.item.done:workflow", "thread.item.done:client_tool_call"],
            Harness.Shape(events).Skip(3));
        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.IsType<ClientToolCallItem>(items[^1]);
    }
}
