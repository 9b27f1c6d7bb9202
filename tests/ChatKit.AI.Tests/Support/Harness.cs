using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.AI;

namespace ChatKit.AI.Tests.Support;

public sealed record TestContext(string UserId) : IUserContext;

/// <summary>A <see cref="ChatClientServer{TContext}"/> over an in-memory store, driven with raw request JSON.</summary>
public sealed class Harness
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <param name="chatClient">The model the server talks to, when it is not <see cref="Client"/> itself (e.g. a pipeline around it).</param>
    public Harness(
        ChatClientResponderOptions? options = null, ScriptedChatClient? client = null, ThreadTitleGenerator? titles = null, TimeProvider? clock = null, IChatClient? chatClient = null)
    {
        Client = client ?? new ScriptedChatClient();
        Options = options ?? new ChatClientResponderOptions();
        Options.TitleGenerator ??= titles;
        Server = new ChatClientServer<TestContext>(Store, chatClient ?? Client, Options, timeProvider: clock);
    }

    public InMemoryStore<TestContext> Store { get; } = new();

    public ScriptedChatClient Client { get; }

    public ChatClientResponderOptions Options { get; }

    public ChatClientServer<TestContext> Server { get; }

    public TestContext Context { get; } = new("user-1");

    public static string UserInput(string text, string? model = null, string? toolChoice = null, string? quotedText = null)
    {
        var inference = new JsonObject();
        if (model is not null)
        {
            inference["model"] = model;
        }

        if (toolChoice is not null)
        {
            inference["tool_choice"] = new JsonObject { ["id"] = toolChoice };
        }

        var input = new JsonObject
        {
            ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
            ["attachments"] = new JsonArray(),
            ["inference_options"] = inference,
        };
        if (quotedText is not null)
        {
            input["quoted_text"] = quotedText;
        }

        return input.ToJsonString();
    }

    public Task<List<JsonObject>> CreateThreadAsync(string text, string? model = null, string? toolChoice = null, CancellationToken ct = default) =>
        StreamAsync($$$"""{"type":"threads.create","params":{"input":{{{UserInput(text, model, toolChoice)}}}}}""", ct);

    public Task<List<JsonObject>> AddUserMessageAsync(string threadId, string text, CancellationToken ct = default) =>
        StreamAsync($$$"""{"type":"threads.add_user_message","params":{"thread_id":"{{{threadId}}}","input":{{{UserInput(text)}}}}}""", ct);

    public Task<List<JsonObject>> AddClientToolOutputAsync(string threadId, string resultJson, CancellationToken ct = default) =>
        StreamAsync($$$"""{"type":"threads.add_client_tool_output","params":{"thread_id":"{{{threadId}}}","result":{{{resultJson}}}}}""", ct);

    /// <summary>Runs a streaming request to its end (bounded by <see cref="Timeout"/>), serializing each event as it arrives.</summary>
    public async Task<List<JsonObject>> StreamAsync(string requestJson, CancellationToken ct = default, List<JsonObject>? sink = null)
    {
        var events = sink ?? [];
        var result = await Server.ProcessAsync(Encoding.UTF8.GetBytes(requestJson), Context, ct).WaitAsync(Timeout);
        var streaming = Assert.IsType<StreamingResult>(result);
        await Collect(streaming, events, ct).WaitAsync(Timeout);
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
            "thread.item.added" or "thread.item.done" or "thread.item.replaced" => type + ":" + (string)e["item"]!["type"]!,
            _ => type,
        };
    }).ToList();

    public static JsonObject Serialize(ThreadStreamEvent e) =>
        JsonSerializer.SerializeToNode(e, ChatKitJson.Wire.ThreadStreamEvent)!.AsObject();

    private static async Task Collect(StreamingResult streaming, List<JsonObject> events, CancellationToken ct)
    {
        await foreach (var e in streaming.Events.WithCancellation(ct))
        {
            var serialized = Serialize(e);
            lock (events)
            {
                // A running tool may read the list while it fills.
                events.Add(serialized);
            }
        }
    }
}

public static class JsonAssert
{
    /// <summary>Asserts two JSON texts are equal regardless of property order.</summary>
    public static void Equal(string expected, JsonNode? actual) =>
        Assert.Equal(Normalize(JsonNode.Parse(expected)), Normalize(actual));

    private static string Normalize(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}

public static class MessageText
{
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>A compact, comparable rendering of the messages a model received.</summary>
    public static List<string> Render(IEnumerable<ChatMessage> messages) => messages.Select(m =>
        m.Role.Value + ": " + string.Join(" | ", m.Contents.Select(c => c switch
        {
            TextContent t => t.Text,
            FunctionCallContent f => $"call {f.CallId} {f.Name}({JsonSerializer.Serialize(f.Arguments, Compact)})",
            FunctionResultContent r => $"result {r.CallId} {Result(r.Result)}",
            TextReasoningContent r => "reasoning " + r.Text,
            DataContent d => $"data {d.MediaType}",
            UriContent u => $"uri {u.Uri}",
            _ => c.GetType().Name,
        }))).ToList();

    private static string Result(object? result) => result switch
    {
        null => "null",
        string s => s,
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(result, Compact),
    };
}
