using ChatKit.Agents.Tests.Support;
using ChatKit.Testing.FakeOpenAI;
using Microsoft.Agents.AI;

namespace ChatKit.Agents.Tests;

/// <summary>A ChatClientAgent over the official OpenAI adapter (both APIs), against the fake OpenAI server.</summary>
public sealed class FakeOpenAITests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text_and_reasoning_stream_through_an_agent_over_the_official_adapter(bool responses)
    {
        await using var openAI = await FakeOpenAIServer.StartAsync();
        openAI.Enqueue(FakeReply.WithText("Bonjour tout le monde.", chunks: 3).AndReasoning("French it is.", chunks: 2));
        var harness = AgentHarness.ForAgent(CreateAgent(openAI, responses));

        var events = await harness.CreateThreadAsync("Say hello in French");

        var shape = AgentHarness.Shape(events);
        Assert.Equal(3, shape.Count(s => s == "updated:assistant_message.content_part.text_delta"));
        Assert.Contains("thread.item.done:workflow", shape);
        Assert.Equal("Bonjour tout le monde.", AgentHarness.AnswerOf(events));
        var request = Assert.Single(openAI.Requests);
        Assert.Contains("Be helpful.", request.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citations_of_the_Responses_API_become_annotations_through_an_agent()
    {
        await using var openAI = await FakeOpenAIServer.StartAsync();
        openAI.Enqueue(FakeReply.WithText("ChatKit is a UI toolkit.", chunks: 2).AndCitation("https://example.com/chatkit", "ChatKit docs", 0, 24));
        var harness = AgentHarness.ForAgent(CreateAgent(openAI, responses: true));

        var events = await harness.CreateThreadAsync("What is ChatKit?");

        var done = events.Last(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "assistant_message");
        var annotation = done["item"]!["content"]![0]!["annotations"]![0]!;
        Assert.Equal("https://example.com/chatkit", (string?)annotation["source"]!["url"]);
        Assert.Equal("ChatKit docs", (string?)annotation["source"]!["title"]);
    }

    [Fact]
    public async Task A_second_turn_over_the_Responses_API_sends_the_thread_without_continuing_a_stored_response()
    {
        await using var openAI = await FakeOpenAIServer.StartAsync();
        openAI.Enqueue(FakeReply.WithText("One.").AndId("resp_first"), FakeReply.WithText("Two."));
        var harness = AgentHarness.ForAgent(CreateAgent(openAI, responses: true));

        var threadId = AgentHarness.ThreadIdOf(await harness.CreateThreadAsync("First?"));
        var second = await harness.AddUserMessageAsync(threadId, "Second?");

        Assert.Equal("Two.", AgentHarness.AnswerOf(second));
        var request = openAI.Requests[1].Json;
        Assert.Null(request["previous_response_id"]);
        var sent = request.ToJsonString();
        Assert.Contains("First?", sent, StringComparison.Ordinal);
        Assert.Contains("One.", sent, StringComparison.Ordinal);
        Assert.Contains("Second?", sent, StringComparison.Ordinal);
    }

    private static ChatClientAgent CreateAgent(FakeOpenAIServer openAI, bool responses)
    {
        // The official adapter (Microsoft.Extensions.AI.OpenAI) as ChatKit.OpenAI builds it.
        var chatClient = ChatKit.OpenAI.OpenAIChatClientFactory.Create(new ChatKit.OpenAI.OpenAIChatClientOptions
        {
            ApiKey = "test-key",
            Model = "gpt-test",
            BaseUrl = openAI.BaseUrl,
            Api = responses ? ChatKit.OpenAI.OpenAIApiKind.Responses : ChatKit.OpenAI.OpenAIApiKind.ChatCompletions,
            MaxRetries = 0,
        });
        return new ChatClientAgent(chatClient, instructions: "Be helpful.", name: "helper");
    }
}
