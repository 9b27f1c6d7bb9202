using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.Testing.Http;

/// <summary>Request bodies for tests, built as JSON text.</summary>
public static class ChatKitRequests
{
    /// <summary>A user message input with one text part.</summary>
    public static JsonObject Input(string text, params string[] attachmentIds) => new()
    {
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
        ["attachments"] = new JsonArray(attachmentIds.Select(id => (JsonNode)id).ToArray()),
        ["inference_options"] = new JsonObject(),
    };

    /// <summary>Any request.</summary>
    public static string Request(string type, JsonObject parameters) =>
        new JsonObject { ["type"] = type, ["params"] = parameters }.ToJsonString();

    /// <summary><c>threads.create</c>.</summary>
    public static string CreateThread(string text) => Request("threads.create", new JsonObject { ["input"] = Input(text) });

    /// <summary><c>threads.add_user_message</c>.</summary>
    public static string AddUserMessage(string threadId, string text, params string[] attachmentIds) =>
        Request("threads.add_user_message", new JsonObject { ["thread_id"] = threadId, ["input"] = Input(text, attachmentIds) });

    /// <summary><c>threads.get_by_id</c>.</summary>
    public static string GetThread(string threadId) => Request("threads.get_by_id", new JsonObject { ["thread_id"] = threadId });

    /// <summary><c>threads.delete</c>.</summary>
    public static string DeleteThread(string threadId) => Request("threads.delete", new JsonObject { ["thread_id"] = threadId });

    /// <summary><c>threads.list</c>.</summary>
    public static string ListThreads(int? limit = null, string? after = null, string? order = null) =>
        Request("threads.list", new JsonObject { ["limit"] = limit, ["after"] = after, ["order"] = order });

    /// <summary><c>items.list</c>.</summary>
    public static string ListItems(string threadId, int? limit = null, string? after = null, string? order = null) =>
        Request("items.list", new JsonObject { ["thread_id"] = threadId, ["limit"] = limit, ["after"] = after, ["order"] = order });

    /// <summary><c>threads.retry_after_item</c>.</summary>
    public static string Retry(string threadId, string itemId) =>
        Request("threads.retry_after_item", new JsonObject { ["thread_id"] = threadId, ["item_id"] = itemId });

    /// <summary><c>threads.custom_action</c> or <c>threads.sync_custom_action</c>.</summary>
    public static string Action(string threadId, string? itemId, string actionType, JsonNode? payload = null, bool sync = false) =>
        Request(sync ? "threads.sync_custom_action" : "threads.custom_action", new JsonObject
        {
            ["thread_id"] = threadId,
            ["item_id"] = itemId,
            ["action"] = new JsonObject { ["type"] = actionType, ["payload"] = payload },
        });

    /// <summary><c>threads.add_client_tool_output</c>.</summary>
    public static string ClientToolOutput(string threadId, JsonNode? result) =>
        Request("threads.add_client_tool_output", new JsonObject { ["thread_id"] = threadId, ["result"] = result });

    /// <summary>The <c>type</c> of each event.</summary>
    public static IReadOnlyList<string> Types(IEnumerable<JsonObject> events) => events.Select(e => e["type"]!.GetValue<string>()).ToList();

    /// <summary>The item of the last <c>thread.item.done</c> of an item type.</summary>
    public static JsonObject LastDone(IEnumerable<JsonObject> events, string itemType) =>
        events.Last(e => e["type"]!.GetValue<string>() == "thread.item.done" && e["item"]!["type"]!.GetValue<string>() == itemType)["item"]!.AsObject();

    /// <summary>Pretty JSON for assertion messages.</summary>
    public static string Dump(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
}
