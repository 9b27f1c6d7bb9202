using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChatKit.Testing.FakeOpenAI;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Demo.Tests;

/// <summary>
/// The demo with a "real" model: the official OpenAI SDK talks to a local OpenAI-compatible fake that streams real
/// SSE chunks, for both the Chat Completions and the Responses API.
/// </summary>
public sealed class ModelEndToEndTests : IAsyncLifetime
{
    private FakeOpenAIServer _openAI = null!;

    public async Task InitializeAsync() => _openAI = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _openAI.DisposeAsync();

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task A_chat_turn_streams_the_models_reply_with_a_tool_call_and_a_title(string api)
    {
        _openAI.Enqueue(
            FakeReply.WithToolCall("call_1", "get_server_time", "{}", chunks: 2),
            FakeReply.WithText("It is **noon** on the server.", chunks: 5).AndUsage(30, 8),
            FakeReply.WithText("Server time", chunks: 1));
        await using var host = await StartDemoAsync(api);
        using var client = host.CreateClient();

        var before = DateTimeOffset.UtcNow;
        var events = await client.StreamAsync(CreateThread("What time is it?"));
        var after = DateTimeOffset.UtcNow;
        var reply = LastDone(events, "assistant_message");
        Assert.Equal("It is **noon** on the server.", reply["content"]![0]!["text"]!.GetValue<string>());
        var deltas = events.Count(e => e["update"]?["type"]?.GetValue<string>() == "assistant_message.content_part.text_delta");
        Assert.True(deltas >= 2, $"expected the reply to stream, got {deltas} deltas");
        Assert.Contains(events, e => e["type"]!.GetValue<string>() == "thread.updated" && e["thread"]!["title"]?.GetValue<string>() == "Server time");

        // The SDK sent our tool, and the tool's result (the server's clock, read during the turn) went back to the
        // model on the second call as the answer to call_1, not just the echoed call.
        Assert.Contains("get_server_time", _openAI.Requests[0].Body);
        var output = ToolOutput(_openAI.Requests[1].Json, api, "call_1");
        var time = DateTimeOffset.Parse(output.Trim('"'), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.InRange(time, before, after);
    }

    /// <summary>The output the request hands back for one tool call, in the shape of the API it was sent to.</summary>
    private static string ToolOutput(JsonObject request, string api, string callId)
    {
        if (api == "chat")
        {
            // Chat Completions: a {"role":"tool","tool_call_id":...} message whose content is the output.
            var message = Assert.Single(request["messages"]!.AsArray(), m =>
                m!["role"]!.GetValue<string>() == "tool" && m["tool_call_id"]?.GetValue<string>() == callId)!;
            return message["content"] switch
            {
                JsonArray parts => string.Concat(parts.Select(p => p!["text"]!.GetValue<string>())),
                var content => content!.GetValue<string>(),
            };
        }

        // Responses: a {"type":"function_call_output","call_id":...} input item.
        var item = Assert.Single(request["input"]!.AsArray(), i =>
            i!["type"]?.GetValue<string>() == "function_call_output" && i["call_id"]?.GetValue<string>() == callId)!;
        return item["output"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_model_error_becomes_an_error_event_and_the_server_keeps_serving()
    {
        _openAI.Enqueue(
            FakeReply.Failing(429, "rate_limit_exceeded", "Slow down", retryAfterSeconds: 1),
            FakeReply.WithText("Recovered.", chunks: 2),
            FakeReply.WithText("Title", chunks: 1));
        await using var host = await StartDemoAsync("chat");
        using var client = host.CreateClient();

        var failed = await client.StreamAsync(CreateThread("hello"));
        var error = failed.Last(e => e["type"]!.GetValue<string>() == "error");
        Assert.True(error["allow_retry"]!.GetValue<bool>());
        var threadId = failed[0]["thread"]!["id"]!.GetValue<string>();

        var userMessageId = failed[1]["item"]!["id"]!.GetValue<string>();
        var retried = await client.StreamAsync(Retry(threadId, userMessageId));
        Assert.Equal("Recovered.", LastDone(retried, "assistant_message")["content"]![0]!["text"]!.GetValue<string>());

        var (status, _) = await client.PostJsonAsync(ListThreads());
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private Task<DemoHost> StartDemoAsync(string api) =>
        DemoHost.StartAsync(null,
            "--OPENAI_BASE_URL", _openAI.BaseUrl.ToString(),
            "--OPENAI_API_KEY", "test-key",
            "--OPENAI_API", api,
            "--OPENAI_MAX_RETRIES", "0");
}
