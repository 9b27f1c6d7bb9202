using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Stores;

namespace ChatKit.Agents.Tests.Support;

public sealed record TestContext(string UserId) : IUserContext;

/// <summary>Drives a ChatKit server with raw request JSON and collects the streamed events as JSON.</summary>
public sealed class AgentHarness(ChatKitServer<TestContext> server, IStore<TestContext> store)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public ChatKitServer<TestContext> Server { get; } = server;

    public IStore<TestContext> Store { get; } = store;

    public TestContext Context { get; } = new("user-1");

    public static AgentHarness ForAgent(Microsoft.Agents.AI.AIAgent agent, IStore<TestContext>? store = null, AgentResponderOptions? options = null)
    {
        store ??= new InMemoryStore<TestContext>();
        return new AgentHarness(new AgentChatKitServer<TestContext>(Dependencies(store), new AgentResponder(agent, options)), store);
    }

    public static AgentHarness ForWorkflow(Microsoft.Agents.AI.Workflows.Workflow workflow, WorkflowResponderOptions? options = null, IStore<TestContext>? store = null)
    {
        store ??= new InMemoryStore<TestContext>();
        return new AgentHarness(new WorkflowChatKitServer<TestContext>(Dependencies(store), new WorkflowResponder(workflow, options)), store);
    }

    public static ChatKitServerDependencies<TestContext> Dependencies(IStore<TestContext> store) =>
        new(store, Microsoft.Extensions.Options.Options.Create(new ChatKitServerOptions()), TimeProvider.System);

    public static string UserInput(string text) => new JsonObject
    {
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
        ["attachments"] = new JsonArray(),
        ["inference_options"] = new JsonObject(),
    }.ToJsonString();

    public Task<List<JsonObject>> CreateThreadAsync(string text) =>
        StreamAsync($$$"""{"type":"threads.create","params":{"input":{{{UserInput(text)}}}}}""");

    public Task<List<JsonObject>> AddUserMessageAsync(string threadId, string text) =>
        StreamAsync($$$"""{"type":"threads.add_user_message","params":{"thread_id":"{{{threadId}}}","input":{{{UserInput(text)}}}}}""");

    public async Task<List<JsonObject>> StreamAsync(string requestJson)
    {
        var result = await Server.ProcessAsync(Encoding.UTF8.GetBytes(requestJson), Context).WaitAsync(Timeout);
        var streaming = Assert.IsType<StreamingResult>(result);
        var events = new List<JsonObject>();
        await Collect(streaming, events).WaitAsync(Timeout);
        return events;
    }

    public async Task<List<ThreadItem>> ItemsAsync(string threadId)
    {
        var page = await Store.LoadThreadItemsAsync(threadId, null, 1000, SortOrder.Asc, Context);
        return [.. page.Data];
    }

    public static string ThreadIdOf(List<JsonObject> events) =>
        events.First(e => (string?)e["type"] == "thread.created")["thread"]!["id"]!.GetValue<string>();

    /// <summary>Event types, with the update type for <c>thread.item.updated</c> and the item type for item events.</summary>
    public static List<string> Shape(IEnumerable<JsonObject> events) => events.Select(e =>
    {
        var type = (string)e["type"]!;
        return type switch
        {
            "thread.item.updated" => "updated:" + (string)e["update"]!["type"]!,
            "thread.item.added" or "thread.item.done" => type + ":" + (string)e["item"]!["type"]!,
            _ => type,
        };
    }).ToList();

    /// <summary>The text of the last completed assistant message of a stream.</summary>
    public static string AnswerOf(List<JsonObject> events) =>
        events.Last(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "assistant_message")["item"]!["content"]![0]!["text"]!.GetValue<string>();

    private static async Task Collect(StreamingResult streaming, List<JsonObject> events)
    {
        await foreach (var e in streaming.Events)
        {
            events.Add(JsonSerializer.SerializeToNode(e, ChatKitJson.Wire.ThreadStreamEvent)!.AsObject());
        }
    }
}
