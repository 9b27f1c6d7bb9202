using System.Runtime.CompilerServices;
using ChatKit.AI.Tests.Support;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class TurnRejectionTests
{
    [Fact]
    public async Task An_output_guardrail_removes_everything_the_turn_added_and_shows_the_rejection()
    {
        var guard = new GuardrailClient(new ScriptedChatClient(), blockWord: "secret");
        var harness = new Harness(client: null, options: new ChatClientResponderOptions());
        var server = new ChatClientServer<TestContext>(harness.Store, guard, harness.Options);
        var driver = new ServerDriver(server, harness);
        guard.Inner.Then(Text("All fine.")).Then(Reasoning("Let me think"), Text("The secret is "), Text("hunter2"));

        var first = await driver.CreateThreadAsync("Hello");
        var threadId = Harness.ThreadIdOf(first);
        var before = (await harness.ItemsAsync(threadId)).Select(i => i.Id).ToList();

        var events = await driver.AddUserMessageAsync(threadId, "Tell me the secret");

        // The reasoning workflow and the partial answer were shown, then taken back, then the rejection.
        var announced = events.Where(e => (string?)e["type"] is "thread.item.added").Select(e => (string)e["item"]!["id"]!).ToList();
        Assert.Equal(2, announced.Count);
        var removed = events.Where(e => (string?)e["type"] == "thread.item.removed").Select(e => (string)e["item_id"]!).ToList();
        Assert.Equal(announced.OrderBy(i => i), removed.OrderBy(i => i));
        var error = events[^1];
        Assert.Equal("error", (string)error["type"]!);
        Assert.Equal("custom", (string)error["code"]!);
        Assert.Equal("I can't share that.", (string)error["message"]!);
        Assert.False((bool)error["allow_retry"]!);
        Assert.True(events.FindIndex(e => (string?)e["type"] == "thread.item.removed") < events.Count - 1);

        // What was stored before the turn (and the user's new message) stays; nothing the turn produced does.
        var after = (await harness.ItemsAsync(threadId)).ToList();
        Assert.Equal(before, after.Take(before.Count).Select(i => i.Id));
        var added = Assert.Single(after.Skip(before.Count));
        Assert.Equal("Tell me the secret", Assert.IsType<UserMessageTextContent>(Assert.Single(Assert.IsType<UserMessageItem>(added).Content)).Text);

        // The server keeps serving the thread.
        guard.Inner.Then(Text("Something else, then."));
        var next = await driver.AddUserMessageAsync(threadId, "Never mind");
        Assert.Equal("thread.item.done", (string)next[^1]["type"]!);
    }

    [Fact]
    public async Task An_input_guardrail_rejects_before_the_model_answers()
    {
        var guard = new GuardrailClient(new ScriptedChatClient(), blockWord: "forbidden", checkInput: true);
        var harness = new Harness();
        var server = new ChatClientServer<TestContext>(harness.Store, guard, harness.Options);
        var driver = new ServerDriver(server, harness);

        var events = await driver.CreateThreadAsync("a forbidden question");

        Assert.Equal(["thread.created", "thread.item.done:user_message", "stream_options", "error"], Harness.Shape(events));
        Assert.Equal("I can't share that.", (string)events[^1]["message"]!);
        Assert.IsType<UserMessageItem>(Assert.Single(await harness.ItemsAsync(Harness.ThreadIdOf(events))));
    }

    [Fact]
    public async Task Hidden_items_of_a_rejected_turn_are_deleted_without_an_event()
    {
        var tool = AIFunctionFactory.Create(async () =>
        {
            await ChatKitToolContext.Current!.AddHiddenContextAsync(System.Text.Json.Nodes.JsonValue.Create("looked up"));
            return "done";
        }, "lookup");
        var guard = new GuardrailClient(new ScriptedChatClient(), blockWord: "secret");
        var harness = new Harness(new ChatClientResponderOptions { Tools = [tool], ToolCallDisplay = ToolCallDisplay.Workflow });
        var server = new ChatClientServer<TestContext>(harness.Store, guard, harness.Options);
        var driver = new ServerDriver(server, harness);
        guard.Inner.Then(Call("call_1", "lookup")).Then(Text("the secret"));

        var events = await driver.CreateThreadAsync("Go");

        var removed = events.Where(e => (string?)e["type"] == "thread.item.removed").Select(e => (string)e["item_id"]!).ToList();
        Assert.Equal(2, removed.Count); // the tool workflow and the partial answer; the hidden note has no event
        Assert.IsType<UserMessageItem>(Assert.Single(await harness.ItemsAsync(Harness.ThreadIdOf(events))));
    }

    [Fact]
    public async Task A_tool_that_rejects_the_turn_rolls_it_back_instead_of_reporting_a_tool_failure()
    {
        var tool = AIFunctionFactory.Create(async () =>
        {
            await ChatKitToolContext.Current!.AddWorkflowTaskAsync(new CustomTask { Title = "Checking the account" });
            throw new ChatKitTurnRejectedException("This account cannot do that.");
#pragma warning disable CS0162 // the tool's declared result type
            return "unreachable";
#pragma warning restore CS0162
        }, "transfer");
        var harness = new Harness(new ChatClientResponderOptions { Tools = [tool], ToolCallDisplay = ToolCallDisplay.None });
        harness.Client.Then(Text("Let me check. "), Call("call_1", "transfer")).Then(Text("Never asked again."));

        var events = await harness.CreateThreadAsync("Transfer everything");

        Assert.Equal("This account cannot do that.", (string)events[^1]["message"]!);
        Assert.Equal(2, events.Count(e => (string?)e["type"] == "thread.item.removed"));
        Assert.Single(harness.Client.Calls); // the model was not asked again
        Assert.IsType<UserMessageItem>(Assert.Single(await harness.ItemsAsync(Harness.ThreadIdOf(events))));
    }

    /// <summary>A guardrail as a chat client middleware: rejects the turn when a word shows up in the input or the output.</summary>
    private sealed class GuardrailClient(ScriptedChatClient inner, string blockWord, bool checkInput = false) : DelegatingChatClient(inner)
    {
        public ScriptedChatClient Inner { get; } = inner;

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (checkInput && messages.Last().Text.Contains(blockWord, StringComparison.OrdinalIgnoreCase))
            {
                throw new ChatKitTurnRejectedException("I can't share that.");
            }

            var said = new System.Text.StringBuilder();
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
                said.Append(update.Text);
                if (said.ToString().Contains(blockWord, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ChatKitTurnRejectedException("I can't share that.");
                }
            }
        }
    }

    /// <summary>Drives a server built around a decorated client with the harness's request helpers.</summary>
    private sealed class ServerDriver(ChatClientServer<TestContext> server, Harness harness)
    {
        public Task<List<System.Text.Json.Nodes.JsonObject>> CreateThreadAsync(string text) =>
            StreamAsync($$$"""{"type":"threads.create","params":{"input":{{{Harness.UserInput(text)}}}}}""");

        public Task<List<System.Text.Json.Nodes.JsonObject>> AddUserMessageAsync(string threadId, string text) =>
            StreamAsync($$$"""{"type":"threads.add_user_message","params":{"thread_id":"{{{threadId}}}","input":{{{Harness.UserInput(text)}}}}}""");

        private async Task<List<System.Text.Json.Nodes.JsonObject>> StreamAsync(string json)
        {
            var result = Assert.IsType<ChatKit.Server.StreamingResult>(await server.ProcessAsync(System.Text.Encoding.UTF8.GetBytes(json), harness.Context));
            var events = new List<System.Text.Json.Nodes.JsonObject>();
            await foreach (var e in result.Events)
            {
                events.Add(Harness.Serialize(e));
            }

            return events;
        }
    }
}
