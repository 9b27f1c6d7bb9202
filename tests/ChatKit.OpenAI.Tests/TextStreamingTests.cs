using ChatKit.Testing.FakeOpenAI;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Tests;

public sealed class TextStreamingTests
{
    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Streams_text_deltas_in_order(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Hello there, world!", chunks: 4).AndId("resp_text1").AndModel("gpt-echo"));
        using var client = TestClients.Create(server, api);

        var updates = await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout));

        var textUpdates = updates.Where(u => u.Contents.OfType<TextContent>().Any(t => t.Text.Length > 0)).ToList();
        Assert.Equal(4, textUpdates.Count);
        Assert.Equal("Hello there, world!", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal("resp_text1", u.ResponseId));
        // The text shares one message id (the response id for Chat Completions, the output item's id for Responses).
        Assert.Single(textUpdates.Select(u => u.MessageId).Distinct());
        Assert.NotNull(textUpdates[0].MessageId);
        Assert.All(textUpdates, u => Assert.Equal("gpt-echo", u.ModelId));
        Assert.All(textUpdates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Equal(ChatFinishReason.Stop, updates.Last(u => u.FinishReason is not null).FinishReason);

        var request = Assert.Single(server.Requests);
        Assert.True(request.IsStreaming);
        Assert.Equal("Bearer test-key", request.Header("authorization"));
        Assert.Equal(TestClients.Model, (string?)request.Json["model"]);
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Streamed_updates_coalesce_into_one_assistant_message(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("One two three", chunks: 3).AndUsage(12, 3));
        using var client = TestClients.Create(server, api);

        var response = await client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout).ToChatResponseAsync();

        var message = Assert.Single(response.Messages);
        Assert.Equal("One two three", message.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(12, response.Usage?.InputTokenCount);
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Non_streaming_returns_text_ids_usage_and_finish_reason(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Plain answer").AndId("resp_plain").AndModel("gpt-echo").AndUsage(7, 2, cachedInputTokens: 3));
        using var client = TestClients.Create(server, api);

        var response = await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout);

        Assert.Equal("Plain answer", response.Text);
        Assert.Equal("resp_plain", response.ResponseId);
        Assert.Equal("gpt-echo", response.ModelId);
        if (api == OpenAIApiKind.ChatCompletions)
        {
            // The official Responses adapter reports no finish reason without streaming; ChatKit turns always stream.
            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        }

        Assert.Equal(7, response.Usage?.InputTokenCount);
        Assert.Equal(2, response.Usage?.OutputTokenCount);
        Assert.Equal(9, response.Usage?.TotalTokenCount);
        Assert.Equal(3, response.Usage?.CachedInputTokenCount);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.NotNull(response.Messages[0].MessageId);
        Assert.False(Assert.Single(server.Requests).IsStreaming);
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Length_finish_reason_is_mapped(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Cut sh", chunks: 2).AndFinishReason("length"));
        server.Enqueue(FakeReply.WithText("Cut sh").AndFinishReason("length"));
        using var client = TestClients.Create(server, api);

        var updates = await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout));
        var response = await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout);

        Assert.Equal(ChatFinishReason.Length, updates.Last(u => u.FinishReason is not null).FinishReason);
        Assert.Equal("Cut sh", string.Concat(updates.Select(u => u.Text)));
        if (api == OpenAIApiKind.ChatCompletions)
        {
            // The official Responses adapter reports no finish reason without streaming; ChatKit turns always stream.
            Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        }
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Usage_is_reported_as_usage_content(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Counted", chunks: 2).AndUsage(inputTokens: 21, outputTokens: 9, reasoningTokens: 4, cachedInputTokens: 5));
        using var client = TestClients.Create(server, api);

        var updates = await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout));

        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(21, usage.InputTokenCount);
        Assert.Equal(9, usage.OutputTokenCount);
        Assert.Equal(30, usage.TotalTokenCount);
        Assert.Equal(4, usage.ReasoningTokenCount);
        Assert.Equal(5, usage.CachedInputTokenCount);
    }
}
