using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Stores;

namespace ChatKit.Tests.Support;

/// <summary>A fresh server over a guarded in-memory store, with helpers to run requests.</summary>
public sealed class ServerFixture
{
    public ServerFixture(bool withAttachmentStore = true, ChatKitServerOptions? options = null, ChatKitMetrics? metrics = null)
    {
        Memory = new InMemoryStore<TestContext>();
        Store = new GuardedStore(Memory);
        Attachments = withAttachmentStore ? new FixtureAttachmentStore() : null;
        Logger = new CapturingLogger();
        Server = new TestServer(Store, Attachments, options, Logger, Clock, metrics);
    }

    public FixtureClock Clock { get; } = new();

    public InMemoryStore<TestContext> Memory { get; }

    public GuardedStore Store { get; }

    public FixtureAttachmentStore? Attachments { get; }

    public CapturingLogger Logger { get; }

    public TestServer Server { get; }

    public TestContext Context { get; set; } = TestContext.Alice;

    public Task<ChatKitResult> ProcessAsync(string body, CancellationToken ct = default) =>
        Server.ProcessAsync(Run.Body(body), Context, ct);

    public async Task<List<JsonNode>> StreamAsync(string body, CancellationToken ct = default) =>
        await Run.EventsAsync(await ProcessAsync(body, ct), ct);

    public async Task<JsonNode?> JsonAsync(string body) => Run.Json(await ProcessAsync(body));

    /// <summary>Creates a thread through the protocol; returns its id.</summary>
    public async Task<string> CreateThreadAsync(string text = "Hi")
    {
        var events = await StreamAsync(CreateBody(text));
        return (string)events[0]["thread"]!["id"]!;
    }

    public static string CreateBody(string text, params string[] attachments) =>
        new JsonObject
        {
            ["type"] = "threads.create",
            ["params"] = new JsonObject { ["input"] = Input(text, attachments) },
        }.ToJsonString();

    public static string AddMessageBody(string threadId, string text, params string[] attachments) =>
        new JsonObject
        {
            ["type"] = "threads.add_user_message",
            ["params"] = new JsonObject { ["thread_id"] = threadId, ["input"] = Input(text, attachments) },
        }.ToJsonString();

    private static JsonObject Input(string text, string[] attachments) => new()
    {
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
        ["attachments"] = new JsonArray(attachments.Select(a => (JsonNode?)a).ToArray()),
        ["inference_options"] = new JsonObject(),
    };

    /// <summary>Every thread, item and the given attachments of both test users, as stored (for "unchanged" checks).</summary>
    public async Task<string> SnapshotAsync(params string[] attachmentIds)
    {
        var snapshot = new JsonObject();
        foreach (var user in new[] { TestContext.Alice, TestContext.Bob })
        {
            var threads = await Memory.LoadThreadsAsync(1000, null, SortOrder.Asc, user);
            var entry = new JsonArray();
            foreach (var thread in threads.Data)
            {
                var items = await Memory.LoadThreadItemsAsync(thread.Id, null, 1000, SortOrder.Asc, user);
                entry.Add(new JsonObject
                {
                    ["thread"] = JsonSerializer.SerializeToNode(thread, ChatKitJson.Storage.ThreadMetadata),
                    ["items"] = new JsonArray(items.Data.Select(i => (JsonNode?)Run.ToStorageNode(i)).ToArray()),
                });
            }

            var attachments = new JsonArray();
            foreach (var id in attachmentIds)
            {
                try
                {
                    attachments.Add(JsonSerializer.SerializeToNode(await Memory.LoadAttachmentAsync(id, user), ChatKitJson.Storage.Attachment));
                }
                catch (ChatKitNotFoundException)
                {
                    attachments.Add((JsonNode?)null);
                }
            }

            snapshot[user.UserId] = new JsonObject { ["threads"] = entry, ["attachments"] = attachments };
        }

        return snapshot.ToJsonString();
    }

    public async Task<List<ThreadItem>> ItemsAsync(string threadId) =>
        [.. (await Memory.LoadThreadItemsAsync(threadId, null, 1000, SortOrder.Asc, Context)).Data];
}
