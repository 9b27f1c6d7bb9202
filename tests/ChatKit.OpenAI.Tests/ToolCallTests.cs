using System.Text.Json;
using ChatKit.Testing.FakeOpenAI;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Tests;

public sealed class ToolCallTests
{
    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Streamed_tool_call_arguments_are_accumulated_and_parsed(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithToolCall("call_weather", "get_weather", """{"city":"Paris","days":3,"metric":true}""", chunks: 5));
        using var client = TestClients.Create(server, api);

        var updates = await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout));

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_weather", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Null(call.Exception);
        Assert.NotNull(call.Arguments);
        Assert.Equal("Paris", ((JsonElement)call.Arguments["city"]!).GetString());
        Assert.Equal(3, ((JsonElement)call.Arguments["days"]!).GetInt32());
        Assert.True(((JsonElement)call.Arguments["metric"]!).GetBoolean());
        Assert.Equal(ChatFinishReason.ToolCalls, updates.Last(u => u.FinishReason is not null).FinishReason);
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Parallel_tool_calls_come_back_in_order(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply
            .WithToolCall("call_a", "get_weather", """{"city":"Oslo"}""", chunks: 3)
            .AndToolCall("call_b", "get_time", """{"zone":"UTC"}""", chunks: 2)
            .AndToolCall("call_c", "ping", "", chunks: 1));
        using var client = TestClients.Create(server, api);

        var updates = await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout));

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_a", "call_b", "call_c"], calls.Select(c => c.CallId));
        Assert.Equal(["get_weather", "get_time", "ping"], calls.Select(c => c.Name));
        Assert.Equal("Oslo", ((JsonElement)calls[0].Arguments!["city"]!).GetString());
        Assert.Equal("UTC", ((JsonElement)calls[1].Arguments!["zone"]!).GetString());
        // A parameterless call ("" arguments) has empty arguments, not a parse error (EmptyToolArgumentsChatClient).
        Assert.Empty(calls[2].Arguments!);
        Assert.All(calls, c => Assert.Null(c.Exception));
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Non_streaming_tool_calls_are_parsed(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithToolCall("call_1", "lookup", """{"q":"chatkit"}""").AndToolCall("call_2", "lookup", """{"q":"dotnet"}"""));
        using var client = TestClients.Create(server, api);

        var response = await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout);

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_1", "call_2"], calls.Select(c => c.CallId));
        Assert.Equal("dotnet", ((JsonElement)calls[1].Arguments!["q"]!).GetString());
        if (api == OpenAIApiKind.ChatCompletions)
        {
            // The official Responses adapter reports no finish reason without streaming; ChatKit turns always stream.
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        }
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions, true)]
    [InlineData(OpenAIApiKind.Responses, true)]
    [InlineData(OpenAIApiKind.ChatCompletions, false)]
    [InlineData(OpenAIApiKind.Responses, false)]
    public async Task Invalid_tool_call_json_still_yields_a_call_with_the_exception(OpenAIApiKind api, bool streaming)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithToolCall("call_bad", "get_weather", """{"city": "Par""", chunks: 2).AndToolCall("call_ok", "get_time", "{}"));
        using var client = TestClients.Create(server, api);

        var contents = streaming
            ? (await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout))).SelectMany(u => u.Contents)
            : (await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout)).Messages.SelectMany(m => m.Contents);

        var calls = contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("call_bad", calls[0].CallId);
        Assert.Equal("get_weather", calls[0].Name);
        Assert.NotNull(calls[0].Exception);
        Assert.Null(calls[1].Exception);
    }

    [Fact]
    public async Task Chat_completions_round_trips_tool_calls_and_results_into_the_next_request()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(
            FakeReply.WithToolCall("call_w", "get_weather", """{"city":"Paris"}""", chunks: 2),
            FakeReply.WithText("It is sunny in Paris.", chunks: 2));
        using var client = TestClients.Create(server, OpenAIApiKind.ChatCompletions);
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?")];

        var first = await client.GetStreamingResponseAsync(history, cancellationToken: TestClients.Timeout).ToChatResponseAsync();
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_w", new { temperature = 21, sky = "sunny" })]));
        var second = await client.GetStreamingResponseAsync(history, cancellationToken: TestClients.Timeout).ToChatResponseAsync();

        Assert.Equal("It is sunny in Paris.", second.Text);
        var messages = server.Requests[1].Json["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal("user", (string?)messages[0]!["role"]);
        Assert.Equal("assistant", (string?)messages[1]!["role"]);
        var toolCall = messages[1]!["tool_calls"]![0]!;
        Assert.Equal("call_w", (string?)toolCall["id"]);
        Assert.Equal("function", (string?)toolCall["type"]);
        Assert.Equal("get_weather", (string?)toolCall["function"]!["name"]);
        Assert.Equal("Paris", JsonDocument.Parse((string)toolCall["function"]!["arguments"]!).RootElement.GetProperty("city").GetString());
        Assert.Equal("tool", (string?)messages[2]!["role"]);
        Assert.Equal("call_w", (string?)messages[2]!["tool_call_id"]);
        var result = JsonDocument.Parse((string)messages[2]!["content"]!).RootElement;
        Assert.Equal(21, result.GetProperty("temperature").GetInt32());
        Assert.Equal("sunny", result.GetProperty("sky").GetString());
    }

    [Fact]
    public async Task Responses_round_trips_tool_calls_and_results_into_the_next_request()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(
            FakeReply.WithText("Let me check.").AndToolCall("call_w", "get_weather", """{"city":"Paris"}""", chunks: 2),
            FakeReply.WithText("It is sunny in Paris.", chunks: 2));
        using var client = TestClients.Create(server, OpenAIApiKind.Responses);
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?")];

        var first = await client.GetStreamingResponseAsync(history, cancellationToken: TestClients.Timeout).ToChatResponseAsync();
        var assistant = Assert.Single(first.Messages);
        Assert.Equal("Let me check.", assistant.Text);
        Assert.Single(assistant.Contents.OfType<FunctionCallContent>());
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_w", "21C and sunny")]));
        await client.GetStreamingResponseAsync(history, cancellationToken: TestClients.Timeout).ToChatResponseAsync();

        var input = server.Requests[1].Json["input"]!.AsArray();
        Assert.Equal(["message", "message", "function_call", "function_call_output"], input.Select(i => (string?)i!["type"]));
        Assert.Equal("user", (string?)input[0]!["role"]);
        Assert.Equal("assistant", (string?)input[1]!["role"]);
        Assert.Equal("Let me check.", (string?)input[1]!["content"]![0]!["text"]);
        Assert.Equal("call_w", (string?)input[2]!["call_id"]);
        Assert.Equal("get_weather", (string?)input[2]!["name"]);
        Assert.Equal("Paris", JsonDocument.Parse((string)input[2]!["arguments"]!).RootElement.GetProperty("city").GetString());
        Assert.Equal("call_w", (string?)input[3]!["call_id"]);
        Assert.Equal("21C and sunny", (string?)input[3]!["output"]);
    }
}
