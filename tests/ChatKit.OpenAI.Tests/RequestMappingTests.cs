using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Testing.FakeOpenAI;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Tests;

public sealed class RequestMappingTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
    private static readonly byte[] Pdf = [0x25, 0x50, 0x44, 0x46, 9];

    private static ChatOptions FullOptions() => new()
    {
        ModelId = "gpt-override",
        Temperature = 0.25f,
        TopP = 0.5f,
        MaxOutputTokens = 321,
        AllowMultipleToolCalls = false,
        Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather", JsonDocument.Parse("""
            {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}
            """).RootElement)],
        ToolMode = ChatToolMode.RequireSpecific("get_weather"),
        ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"string"}}}""").RootElement, "answer_schema", "An answer"),
    };

    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, "You are terse."),
        new(ChatRole.User, [
            new TextContent("What is in these?"),
            new DataContent(Png, "image/png"),
            new UriContent(new Uri("https://example.com/cat.jpg"), "image/jpeg"),
            new DataContent(Pdf, "application/pdf") { Name = "report.pdf" },
        ]),
        new(ChatRole.Assistant, "A cat and a report."),
        new(ChatRole.User, "Thanks"),
    ];

    [Fact]
    public async Task Chat_completions_request_carries_messages_and_options()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("ok"));
        using var client = TestClients.Create(server, OpenAIApiKind.ChatCompletions);

        await TestClients.CollectAsync(client.GetStreamingResponseAsync(Conversation(), FullOptions(), TestClients.Timeout));

        var json = Assert.Single(server.Requests).Json;
        Assert.Equal("/v1/chat/completions", server.Requests[0].Path);
        Assert.Equal("gpt-override", (string?)json["model"]);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(server.Requests[0].Body, "\"model\""));
        Assert.True((bool)json["stream"]!);
        Assert.Equal(0.25, (double)json["temperature"]!, 3);
        Assert.Equal(0.5, (double)json["top_p"]!, 3);
        Assert.Equal(321, (int)(json["max_completion_tokens"] ?? json["max_tokens"])!);
        Assert.False((bool)json["parallel_tool_calls"]!);

        var tool = json["tools"]![0]!;
        Assert.Equal("function", (string?)tool["type"]);
        Assert.Equal("get_weather", (string?)tool["function"]!["name"]);
        Assert.Equal("Gets the weather", (string?)tool["function"]!["description"]);
        Assert.Equal("string", (string?)tool["function"]!["parameters"]!["properties"]!["city"]!["type"]);
        Assert.Equal("get_weather", (string?)json["tool_choice"]!["function"]!["name"]);

        Assert.Equal("json_schema", (string?)json["response_format"]!["type"]);
        Assert.Equal("answer_schema", (string?)json["response_format"]!["json_schema"]!["name"]);

        var messages = json["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal("You are terse.", TextOf(messages[0]!["content"]));
        var parts = messages[1]!["content"]!.AsArray();
        Assert.Equal(["text", "image_url", "image_url", "file"], parts.Select(p => (string?)p!["type"]));
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Png), (string?)parts[1]!["image_url"]!["url"]);
        Assert.Equal("https://example.com/cat.jpg", (string?)parts[2]!["image_url"]!["url"]);
        Assert.Equal("report.pdf", (string?)parts[3]!["file"]!["filename"]);
        Assert.Contains(Convert.ToBase64String(Pdf), (string?)parts[3]!["file"]!["file_data"]);
        Assert.Equal("A cat and a report.", TextOf(messages[2]!["content"]));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("none")]
    [InlineData("required")]
    public async Task Chat_completions_tool_modes_map_to_tool_choice(string mode)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("ok"));
        using var client = TestClients.Create(server, OpenAIApiKind.ChatCompletions);
        var options = FullOptions();
        options.ToolMode = mode switch { "auto" => ChatToolMode.Auto, "none" => ChatToolMode.None, _ => ChatToolMode.RequireAny };

        await client.GetResponseAsync(TestClients.Hello, options, TestClients.Timeout);

        Assert.Equal(mode, (string?)server.Requests[0].Json["tool_choice"]);
    }

    [Fact]
    public async Task Chat_completions_instructions_become_a_leading_system_message_and_model_defaults()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("ok"));
        using var client = TestClients.Create(server, OpenAIApiKind.ChatCompletions);

        await client.GetResponseAsync(TestClients.Hello, new ChatOptions { Instructions = "Be brief." }, TestClients.Timeout);

        var json = server.Requests[0].Json;
        Assert.Equal(TestClients.Model, (string?)json["model"]);
        Assert.Null(json["tools"]);
        var messages = json["messages"]!.AsArray();
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Equal("Be brief.", TextOf(messages[0]!["content"]));
    }

    [Fact]
    public async Task Responses_request_carries_input_items_and_options()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("ok"));
        using var client = TestClients.Create(server, OpenAIApiKind.Responses);
        var options = FullOptions();
        options.Instructions = "Answer in JSON.";
        options.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low, Output = ReasoningOutput.Summary };

        await TestClients.CollectAsync(client.GetStreamingResponseAsync(Conversation(), options, TestClients.Timeout));

        var json = Assert.Single(server.Requests).Json;
        Assert.Equal("/v1/responses", server.Requests[0].Path);
        Assert.Equal("gpt-override", (string?)json["model"]);
        Assert.True((bool)json["stream"]!);
        Assert.Equal("Answer in JSON.", (string?)json["instructions"]);
        Assert.Equal(0.25, (double)json["temperature"]!, 3);
        Assert.Equal(0.5, (double)json["top_p"]!, 3);
        Assert.Equal(321, (int)json["max_output_tokens"]!);
        Assert.False((bool)json["parallel_tool_calls"]!);
        Assert.Equal("low", (string?)json["reasoning"]!["effort"]);
        // The official adapter asks for the "concise" summary when ReasoningOutput.Summary is set.
        Assert.Equal("concise", (string?)json["reasoning"]!["summary"]);

        var tool = json["tools"]![0]!;
        Assert.Equal("function", (string?)tool["type"]);
        Assert.Equal("get_weather", (string?)tool["name"]);
        Assert.Equal("Gets the weather", (string?)tool["description"]);
        Assert.NotEqual(true, (bool?)tool["strict"]);
        Assert.Equal("object", (string?)tool["parameters"]!["type"]);
        Assert.Equal("function", (string?)json["tool_choice"]!["type"]);
        Assert.Equal("get_weather", (string?)json["tool_choice"]!["name"]);
        Assert.Equal("json_schema", (string?)json["text"]!["format"]!["type"]);
        Assert.Equal("answer_schema", (string?)json["text"]!["format"]!["name"]);

        var input = json["input"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], input.Select(i => (string?)i!["role"]));
        var parts = input[1]!["content"]!.AsArray();
        Assert.Equal(["input_text", "input_image", "input_image", "input_file"], parts.Select(p => (string?)p!["type"]));
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Png), (string?)parts[1]!["image_url"]);
        Assert.Equal("https://example.com/cat.jpg", (string?)parts[2]!["image_url"]);
        Assert.Equal("report.pdf", (string?)parts[3]!["filename"]);
        Assert.Contains(Convert.ToBase64String(Pdf), (string?)parts[3]!["file_data"]);
        Assert.Equal("output_text", (string?)input[2]!["content"]![0]!["type"]);
        Assert.Equal("A cat and a report.", (string?)input[2]!["content"]![0]!["text"]);
    }

    [Fact]
    public async Task Responses_uses_the_default_model_and_conversation_id_as_previous_response_id()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("ok"));
        using var client = TestClients.Create(server, OpenAIApiKind.Responses);

        await client.GetResponseAsync(TestClients.Hello, new ChatOptions { ConversationId = "resp_previous" }, TestClients.Timeout);

        var json = server.Requests[0].Json;
        Assert.Equal(TestClients.Model, (string?)json["model"]);
        Assert.Equal("resp_previous", (string?)json["previous_response_id"]);
        Assert.Null(json["tools"]);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("none")]
    [InlineData("required")]
    public async Task Responses_tool_modes_map_to_tool_choice(string mode)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("ok"));
        using var client = TestClients.Create(server, OpenAIApiKind.Responses);
        var options = FullOptions();
        options.ToolMode = mode switch { "auto" => ChatToolMode.Auto, "none" => ChatToolMode.None, _ => ChatToolMode.RequireAny };

        await client.GetResponseAsync(TestClients.Hello, options, TestClients.Timeout);

        Assert.Equal(mode, (string?)server.Requests[0].Json["tool_choice"]);
    }

    [Fact]
    public async Task Responses_sends_a_non_image_url_as_an_input_file()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("ok"));
        using var client = TestClients.Create(server, OpenAIApiKind.Responses);
        ChatMessage[] messages = [new(ChatRole.User, [new UriContent(new Uri("https://example.com/a.pdf"), "application/pdf")])];

        await client.GetResponseAsync(messages, cancellationToken: TestClients.Timeout);

        var part = server.Requests[0].Json["input"]![0]!["content"]![0]!;
        Assert.Equal("input_file", (string?)part["type"]);
        Assert.Equal("https://example.com/a.pdf", (string?)part["file_url"]);
    }

    private static string? TextOf(JsonNode? content) =>
        content is JsonValue ? (string?)content : string.Concat(content!.AsArray().Select(p => (string?)p!["text"]));
}
