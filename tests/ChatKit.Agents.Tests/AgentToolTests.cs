using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.AI;
using ChatKit.Agents.Tests.Support;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace ChatKit.Agents.Tests;

/// <summary>The agent runs its tools; the ChatKit turn shows them and pauses on client tools.</summary>
public sealed class AgentToolTests
{
    [Fact]
    public async Task A_server_tool_run_by_the_agent_shows_progress_and_the_model_gets_its_result()
    {
        var calls = 0;
        var weather = AIFunctionFactory.Create((string city) =>
        {
            calls++;
            // The ChatKit tool context reaches tools the agent invokes too.
            return ChatKitToolContext.Current is null ? "no context" : $"Sunny in {city}";
        }, "get_weather");
        var model = new ScriptedChatClient()
            .Then(new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]) { MessageId = "m1" })
            .Then(ScriptedChatClient.Text("It is sunny."));
        var agent = new ChatClientAgent(model, instructions: "Use tools.", name: "weather", tools: [weather]);
        var harness = AgentHarness.ForAgent(agent);

        var events = await harness.CreateThreadAsync("Weather in Paris?");

        Assert.Equal(1, calls);
        Assert.Contains("progress_update", AgentHarness.Shape(events));
        Assert.Equal("It is sunny.", AgentHarness.AnswerOf(events));
        var result = model.Calls[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("Sunny in Paris", result.Result is JsonElement e ? e.GetString() : result.Result?.ToString());
    }

    [Fact]
    public async Task A_client_tool_of_the_agent_pauses_the_turn_and_its_output_resumes_the_agent()
    {
        var browserInfo = AIFunctionFactory.CreateDeclaration("get_browser_info", "What the browser knows.", JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement);
        var model = new ScriptedChatClient()
            .Then(new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_b", "get_browser_info", new Dictionary<string, object?>())]) { MessageId = "m1" })
            .Then(ScriptedChatClient.Text("You use Firefox."));
        var agent = new ChatClientAgent(model, instructions: "Ask the browser.", name: "browser", tools: [browserInfo]);
        var harness = AgentHarness.ForAgent(agent);

        var first = await harness.CreateThreadAsync("Which browser?");
        var threadId = AgentHarness.ThreadIdOf(first);
        var pending = first.Last(e => (string?)e["type"] == "thread.item.done");
        Assert.Equal("client_tool_call", (string?)pending["item"]!["type"]);
        Assert.Equal("get_browser_info", (string?)pending["item"]!["name"]);
        Assert.Equal("pending", (string?)pending["item"]!["status"]);

        var resumed = await harness.StreamAsync(
            """{"type":"threads.add_client_tool_output","params":{"thread_id":"THREAD","result":{"browser":"Firefox"}}}""".Replace("THREAD", threadId, StringComparison.Ordinal));

        Assert.Equal("You use Firefox.", AgentHarness.AnswerOf(resumed));
        var sent = model.Calls[1].SelectMany(m => m.Contents).ToList();
        Assert.Equal("call_b", sent.OfType<FunctionCallContent>().Single().CallId);
        Assert.Contains("Firefox", JsonSerializer.Serialize(sent.OfType<FunctionResultContent>().Single().Result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_approval_required_tool_of_the_agent_pauses_on_a_card_and_the_answer_resumes_the_agent(bool approve)
    {
        var deleted = new List<string>();
        var deleteFile = new ApprovalRequiredAIFunction(AIFunctionFactory.Create((string path) =>
        {
            deleted.Add(path);
            return $"Deleted {path}";
        }, "delete_file", "Deletes a file."));
        var model = new ScriptedChatClient()
            .Then(new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_d", "delete_file", new Dictionary<string, object?> { ["path"] = "notes.txt" })]) { MessageId = "m1" })
            .Then(ScriptedChatClient.Text(approve ? "Deleted." : "I did not delete it."));
        var agent = new ChatClientAgent(model, instructions: "Delete what you are asked to.", name: "files", tools: [deleteFile]);
        var harness = AgentHarness.ForAgent(agent);

        var first = await harness.CreateThreadAsync("Delete notes.txt");
        var threadId = AgentHarness.ThreadIdOf(first);
        var card = first.Last(e => (string?)e["type"] == "thread.item.done")["item"]!.AsObject();
        Assert.Equal("widget", (string?)card["type"]);
        Assert.Contains("notes.txt", card["widget"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(deleted);
        Assert.Single(model.Calls);

        var answered = await harness.StreamAsync(new JsonObject
        {
            ["type"] = "threads.custom_action",
            ["params"] = new JsonObject
            {
                ["thread_id"] = threadId,
                ["item_id"] = (string)card["id"]!,
                ["action"] = new JsonObject
                {
                    ["type"] = approve ? ChatClientResponder.ApproveToolActionType : ChatClientResponder.DenyToolActionType,
                    ["payload"] = new JsonObject(),
                },
            },
        }.ToJsonString());

        Assert.Equal(approve ? "Deleted." : "I did not delete it.", AgentHarness.AnswerOf(answered));
        Assert.Equal(approve ? ["notes.txt"] : [], deleted);
        var result = model.Calls[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("call_d", result.CallId);
        var resultText = result.Result is JsonElement e ? e.ToString() : result.Result?.ToString();
        if (approve)
        {
            Assert.Equal("Deleted notes.txt", resultText);
        }
        else
        {
            Assert.Contains("denied", resultText, StringComparison.OrdinalIgnoreCase);
        }

        // A second click on the answered card changes nothing.
        var again = await harness.StreamAsync(new JsonObject
        {
            ["type"] = "threads.custom_action",
            ["params"] = new JsonObject
            {
                ["thread_id"] = threadId,
                ["item_id"] = (string)card["id"]!,
                ["action"] = new JsonObject { ["type"] = ChatClientResponder.ApproveToolActionType, ["payload"] = new JsonObject() },
            },
        }.ToJsonString());
        Assert.Contains(again, ev => (string?)ev["type"] == "error");
        Assert.Equal(approve ? ["notes.txt"] : [], deleted);
        Assert.Equal(2, model.Calls.Count);
    }
}
