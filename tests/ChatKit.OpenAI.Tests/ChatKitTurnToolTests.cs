using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.AI;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.FakeOpenAI;
using ChatKit.Testing.StoreConformance;
using Microsoft.Extensions.AI;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.OpenAI.Tests;

/// <summary>
/// ChatKit turns through the official OpenAI adapter and M.E.AI's FunctionInvokingChatClient, against the fake OpenAI
/// server, for both APIs: server tools, client tools and approvals.
/// </summary>
public sealed class ChatKitTurnToolTests
{
    private static readonly StoreTestContext User = new("user-1");

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task A_server_tool_runs_and_its_result_goes_back_to_the_model(OpenAIApiKind api)
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Enqueue(FakeReply.WithToolCall("call_w", "get_weather", """{"city":"Paris"}""", chunks: 3));
        fake.Enqueue(FakeReply.WithText("It is sunny in Paris.", chunks: 2));
        var cities = new List<string>();
        var server = Server(fake, api, AIFunctionFactory.Create((string city) => { cities.Add(city); return $"Sunny in {city}"; }, "get_weather"));

        var events = await StreamAsync(server, CreateThread("Weather in Paris?"));

        Assert.Equal(["Paris"], cities);
        Assert.Equal("It is sunny in Paris.", Text(LastDone(events, "assistant_message")));
        Assert.Equal(2, fake.Requests.Count);
        Assert.Contains("Sunny in Paris", fake.Requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("call_w", fake.Requests[1].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task A_client_tool_pauses_the_turn_and_its_output_resumes_it(OpenAIApiKind api)
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Enqueue(FakeReply.WithToolCall("call_s", "get_selection", """{"kind":"text"}"""));
        fake.Enqueue(FakeReply.WithText("You selected hello."));
        var declaration = AIFunctionFactory.CreateDeclaration("get_selection", "The user's selection.", JsonDocument.Parse("""{"type":"object","properties":{"kind":{"type":"string"}}}""").RootElement);
        var server = Server(fake, api, declaration);

        var events = await StreamAsync(server, CreateThread("What did I select?"));
        var call = LastDone(events, "client_tool_call");
        Assert.Equal("call_s", (string)call["call_id"]!);
        Assert.Single(fake.Requests);

        var resumed = await StreamAsync(server, ClientToolOutput(ThreadId(events), new JsonObject { ["text"] = "hello" }));

        Assert.Equal("You selected hello.", Text(LastDone(resumed, "assistant_message")));
        Assert.Contains("hello", fake.Requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("call_s", fake.Requests[1].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions, true)]
    [InlineData(OpenAIApiKind.Responses, true)]
    [InlineData(OpenAIApiKind.ChatCompletions, false)]
    [InlineData(OpenAIApiKind.Responses, false)]
    public async Task An_approval_required_tool_runs_only_when_approved(OpenAIApiKind api, bool approve)
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Enqueue(FakeReply.WithToolCall("call_d", "delete_file", """{"path":"notes.txt"}"""));
        fake.Enqueue(FakeReply.WithText("Answered."));
        var deleted = new List<string>();
        var server = Server(fake, api, new ApprovalRequiredAIFunction(AIFunctionFactory.Create((string path) => { deleted.Add(path); return "deleted " + path; }, "delete_file")));

        var events = await StreamAsync(server, CreateThread("Delete notes.txt"));
        var card = LastDone(events, "widget");
        Assert.Empty(deleted);

        var resumed = await StreamAsync(server, Action(ThreadId(events), (string)card["id"]!, approve ? ChatClientResponder.ApproveToolActionType : ChatClientResponder.DenyToolActionType));

        Assert.Equal("Answered.", Text(LastDone(resumed, "assistant_message")));
        Assert.Equal(2, fake.Requests.Count);
        if (approve)
        {
            Assert.Equal(["notes.txt"], deleted);
            Assert.Contains("deleted notes.txt", fake.Requests[1].Body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(deleted);
            Assert.Contains("The user denied this call.", fake.Requests[1].Body, StringComparison.Ordinal);
        }
    }

    private static ChatClientServer<StoreTestContext> Server(FakeOpenAIServer fake, OpenAIApiKind api, AITool tool) =>
        new(new InMemoryStore<StoreTestContext>(), TestClients.Create(fake, api), new ChatClientResponderOptions { Tools = [tool] });

    private static async Task<List<JsonObject>> StreamAsync(ChatClientServer<StoreTestContext> server, string request)
    {
        var result = Assert.IsType<StreamingResult>(await server.ProcessAsync(Encoding.UTF8.GetBytes(request), User, TestClients.Timeout));
        var events = new List<JsonObject>();
        await foreach (var e in result.Events.WithCancellation(TestClients.Timeout))
        {
            events.Add(JsonSerializer.SerializeToNode(e, ChatKitJson.Wire.ThreadStreamEvent)!.AsObject());
        }

        Assert.DoesNotContain(events, e => (string?)e["type"] == "error");
        return events;
    }

    private static string ThreadId(List<JsonObject> events) => (string)events.First(e => (string?)e["type"] == "thread.created")["thread"]!["id"]!;

    private static string Text(JsonObject message) => string.Concat(message["content"]!.AsArray().Select(c => (string)c!["text"]!));
}
