using ChatKit.Agents.Tests.Support;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace ChatKit.Agents.Tests;

public sealed class AgentTurnTests
{
    [Fact]
    public async Task A_ChatClientAgent_streams_text_reasoning_and_citations_as_ChatKit_events()
    {
        var model = new ScriptedChatClient().Then(
            ScriptedChatClient.Reasoning("Weighing "),
            ScriptedChatClient.Reasoning("the options."),
            ScriptedChatClient.Text("Paris is "),
            new ChatResponseUpdate(ChatRole.Assistant, [new TextContent("the capital.")
            {
                Annotations = [new CitationAnnotation { Title = "Atlas", Url = new Uri("https://example.com/atlas") }],
            }]) { MessageId = "m1" });
        var agent = new ChatClientAgent(model, instructions: "Answer briefly.", name: "geo");
        var harness = AgentHarness.ForAgent(agent);

        var events = await harness.CreateThreadAsync("Capital of France?");

        var shape = AgentHarness.Shape(events);
        Assert.Equal(
            [
                "thread.created", "thread.item.done:user_message", "stream_options",
                "thread.item.added:workflow", "updated:workflow.task.added", "updated:workflow.task.updated", "thread.item.done:workflow",
                "thread.item.added:assistant_message", "updated:assistant_message.content_part.added",
                "updated:assistant_message.content_part.text_delta", "updated:assistant_message.content_part.text_delta",
                "updated:assistant_message.content_part.annotation_added",
                "updated:assistant_message.content_part.done", "thread.item.done:assistant_message",
                "thread.updated",
            ],
            shape);
        var workflow = events.Single(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "workflow");
        Assert.Equal("reasoning", (string?)workflow["item"]!["workflow"]!["type"]);
        Assert.Equal("Weighing the options.", (string?)workflow["item"]!["workflow"]!["tasks"]![0]!["content"]);
        Assert.Equal("Paris is the capital.", AgentHarness.AnswerOf(events));
        var annotation = events.Last(e => (string?)e["type"] == "thread.item.done")["item"]!["content"]![0]!["annotations"]![0]!;
        Assert.Equal("https://example.com/atlas", (string?)annotation["source"]!["url"]);

        // The agent's own instructions reach the model, with the thread.
        Assert.Equal("Answer briefly.", Assert.Single(model.Instructions));
        Assert.Equal(["user: Capital of France?"], ScriptedChatClient.Render(Assert.Single(model.Calls)));
    }

    [Fact]
    public async Task The_thread_is_the_conversation_and_is_sent_once_per_turn()
    {
        var model = new ScriptedChatClient()
            .Then(ScriptedChatClient.Text("One."))
            .Then(ScriptedChatClient.Text("Two."));
        var harness = AgentHarness.ForAgent(new ChatClientAgent(model, instructions: "Count.", name: "counter"));

        var first = await harness.CreateThreadAsync("First?");
        var threadId = AgentHarness.ThreadIdOf(first);
        await harness.AddUserMessageAsync(threadId, "Second?");

        // The ChatClientAgent's in-memory history would repeat the first exchange; it is not kept in the session.
        Assert.Equal(
            ["user: First?", "assistant: One.", "user: Second?"],
            ScriptedChatClient.Render(model.Calls[1]));
        var thread = await harness.Store.LoadThreadAsync(threadId, harness.Context);
        var stored = thread.Metadata[AgentResponderOptions.DefaultSessionMetadataKey]!.ToJsonString();
        Assert.DoesNotContain("One.", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_kept_by_the_model_service_is_not_continued_on_the_next_turn()
    {
        // A service that keeps conversations answers with an id; the next turn sends the whole thread again, so
        // continuing that conversation as well would give the model every earlier message twice.
        var model = new ScriptedChatClient()
            .Then(new ChatResponseUpdate(ChatRole.Assistant, "One.") { MessageId = "m1", ConversationId = "conv_1" })
            .Then(ScriptedChatClient.Text("Two."));
        var harness = AgentHarness.ForAgent(new ChatClientAgent(model, instructions: "Count.", name: "counter"));

        var threadId = AgentHarness.ThreadIdOf(await harness.CreateThreadAsync("First?"));
        var second = await harness.AddUserMessageAsync(threadId, "Second?");

        Assert.Equal("Two.", AgentHarness.AnswerOf(second));
        Assert.Null(model.ConversationIds[1]);
        Assert.Equal(["user: First?", "assistant: One.", "user: Second?"], ScriptedChatClient.Render(model.Calls[1]));
        var stored = (await harness.Store.LoadThreadAsync(threadId, harness.Context)).Metadata.ToJsonString();
        Assert.DoesNotContain("conv_1", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_of_its_own_kind_answers_and_keeps_its_session_between_turns()
    {
        var agent = new CountingAgent();
        var harness = AgentHarness.ForAgent(agent);

        var first = await harness.CreateThreadAsync("hello");
        var threadId = AgentHarness.ThreadIdOf(first);
        var second = await harness.AddUserMessageAsync(threadId, "again");

        Assert.Equal("turn 1: hello", AgentHarness.AnswerOf(first));
        Assert.Equal("turn 2: again", AgentHarness.AnswerOf(second));
        Assert.Equal(["user: hello", "assistant: turn 1: hello", "user: again"], agent.Runs[1]);

        // The session is private: thread.updated events never carry it.
        Assert.All(second.Where(e => (string?)e["type"] == "thread.updated"), e => Assert.Equal("{}", e["thread"]!["metadata"]!.ToJsonString()));
    }

    [Fact]
    public async Task Two_agents_in_one_thread_keep_their_sessions_under_their_own_keys()
    {
        var store = new ChatKit.Stores.InMemoryStore<TestContext>();
        var a = AgentHarness.ForAgent(new CountingAgent(), store, new AgentResponderOptions { SessionMetadataKey = "a" });
        var b = AgentHarness.ForAgent(new CountingAgent(), store, new AgentResponderOptions { SessionMetadataKey = "b" });

        var threadId = AgentHarness.ThreadIdOf(await a.CreateThreadAsync("x"));
        await a.AddUserMessageAsync(threadId, "y");
        var fromB = await b.AddUserMessageAsync(threadId, "z");

        Assert.Equal("turn 1: z", AgentHarness.AnswerOf(fromB));
        var thread = await store.LoadThreadAsync(threadId, a.Context);
        Assert.NotNull(thread.Metadata["a"]);
        Assert.NotNull(thread.Metadata["b"]);
    }

    [Fact]
    public void An_empty_session_key_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new AgentResponder(new CountingAgent(), new AgentResponderOptions { SessionMetadataKey = " " }));
        Assert.Contains("session metadata key", error.Message, StringComparison.Ordinal);
    }
}
