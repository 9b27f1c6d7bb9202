using ChatKit.Agents.Tests.Support;
using ChatKit.Stores;

namespace ChatKit.Agents.Tests;

public sealed class FailureTests
{
    [Fact]
    public async Task An_agent_failing_mid_stream_ends_with_an_error_keeps_the_stored_session_and_the_next_turn_works()
    {
        var agent = new CountingAgent();
        var harness = AgentHarness.ForAgent(agent);
        var threadId = AgentHarness.ThreadIdOf(await harness.CreateThreadAsync("one"));
        var sessionBefore = (await harness.Store.LoadThreadAsync(threadId, harness.Context)).Metadata[AgentResponderOptions.DefaultSessionMetadataKey]!.ToJsonString();

        agent.FailNextRunWith = new InvalidOperationException("the agent broke");
        var failed = await harness.AddUserMessageAsync(threadId, "two");

        var error = failed.Last();
        Assert.Equal("error", (string?)error["type"]);
        Assert.True((bool?)error["allow_retry"]);
        Assert.DoesNotContain("the agent broke", error.ToJsonString(), StringComparison.Ordinal);
        var thread = await harness.Store.LoadThreadAsync(threadId, harness.Context);
        Assert.Equal(sessionBefore, thread.Metadata[AgentResponderOptions.DefaultSessionMetadataKey]!.ToJsonString());
        var items = await harness.ItemsAsync(threadId);
        Assert.Equal(["turn 1: one", "two", "turn 2: "], items.Select(TextOf).Skip(1).ToList());

        var next = await harness.AddUserMessageAsync(threadId, "three");

        // The failed run did not count: the session is the one stored before it.
        Assert.Equal("turn 2: three", AgentHarness.AnswerOf(next));
    }

    [Fact]
    public async Task A_message_to_an_unknown_thread_is_refused_and_nothing_is_stored()
    {
        var harness = AgentHarness.ForAgent(new CountingAgent());
        var threadId = AgentHarness.ThreadIdOf(await harness.CreateThreadAsync("one"));

        await Assert.ThrowsAnyAsync<Exception>(() => harness.AddUserMessageAsync("thr_missing", "hello?"));

        Assert.Equal(2, (await harness.ItemsAsync(threadId)).Count);
        Assert.Equal("turn 2: still here", AgentHarness.AnswerOf(await harness.AddUserMessageAsync(threadId, "still here")));
    }

    private static string TextOf(ThreadItem item) => item switch
    {
        UserMessageItem user => user.Text,
        AssistantMessageItem assistant => string.Concat(assistant.Content.Select(c => c.Text)),
        _ => item.GetType().Name,
    };
}
