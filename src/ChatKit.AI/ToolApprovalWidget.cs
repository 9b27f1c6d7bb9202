using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Widgets;

namespace ChatKit.AI;

/// <summary>
/// The approval card a turn shows when a tool needs the user's approval: what will run (tool names and arguments) and
/// Approve / Deny buttons. The pending calls are stored in the buttons' actions of the stored item, so the store is the
/// only state: the server reads them back from the stored widget (never from the click's payload), and the answered
/// card has no buttons left, so a second click finds nothing pending.
/// </summary>
internal static class ToolApprovalWidget
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static WidgetItem Pending(string id, string threadId, DateTimeOffset createdAt, IReadOnlyList<PendingToolApproval> calls)
    {
        var state = new JsonArray(calls.Select(c => (JsonNode)new JsonObject
        {
            ["request_id"] = c.RequestId,
            ["call_id"] = c.CallId,
            ["name"] = c.Name,
            ["arguments"] = c.Arguments.DeepClone(),
            ["requires_approval"] = c.RequiresApproval,
        }).ToArray());
        var children = new JsonArray(Title("Allow this action?"));
        AddCalls(children, calls);
        children.Add((JsonNode)new JsonObject
        {
            ["type"] = "Row",
            ["children"] = new JsonArray(
                Button("Approve", ChatClientResponder.ApproveToolActionType, state, primary: true),
                Button("Deny", ChatClientResponder.DenyToolActionType, state, primary: false)),
        });
        return new WidgetItem
        {
            Id = id,
            ThreadId = threadId,
            CreatedAt = createdAt,
            Widget = WidgetRoot.FromJson(new JsonObject { ["type"] = "Card", ["children"] = children }),
            CopyText = $"The assistant asked for approval to run {Describe(calls)}.",
        };
    }

    /// <summary>The card once answered: the decision, the calls, and no buttons.</summary>
    public static WidgetItem Answered(WidgetItem pending, IReadOnlyList<PendingToolApproval> calls, bool approved)
    {
        var children = new JsonArray(Title(approved ? "Approved" : "Denied"));
        AddCalls(children, calls);
        return new WidgetItem
        {
            Id = pending.Id,
            ThreadId = pending.ThreadId,
            CreatedAt = pending.CreatedAt,
            Widget = WidgetRoot.FromJson(new JsonObject { ["type"] = "Card", ["children"] = children }),
            CopyText = $"The user {(approved ? "approved" : "denied")} running {Describe(calls)}.",
        };
    }

    /// <summary>The calls still waiting for an answer in a stored approval card, or null when it is not one (any more).</summary>
    public static IReadOnlyList<PendingToolApproval>? ReadPending(WidgetItem? item)
    {
        var button = item?.Widget.Json["children"] is JsonArray children
            ? children.OfType<JsonObject>().Where(c => (string?)c["type"] == "Row")
                .SelectMany(r => r["children"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .FirstOrDefault(b => (string?)b["onClickAction"]?["type"] == ChatClientResponder.ApproveToolActionType)
            : null;
        if (button?["onClickAction"]?["payload"]?["calls"] is not JsonArray calls)
        {
            return null;
        }

        var pending = new List<PendingToolApproval>();
        foreach (var call in calls.OfType<JsonObject>())
        {
            if ((string?)call["request_id"] is not { } requestId || (string?)call["call_id"] is not { } callId || (string?)call["name"] is not { } name)
            {
                return null;
            }

            pending.Add(new PendingToolApproval(
                requestId, callId, name, call["arguments"] as JsonObject is { } args ? (JsonObject)args.DeepClone() : [], (bool?)call["requires_approval"] ?? true));
        }

        return pending.Count == 0 ? null : pending;
    }

    private static void AddCalls(JsonArray children, IReadOnlyList<PendingToolApproval> calls)
    {
        foreach (var call in calls.Where(c => c.RequiresApproval))
        {
            children.Add((JsonNode)new JsonObject { ["type"] = "Text", ["value"] = $"Run {call.Name}", ["weight"] = "semibold" });
            var arguments = call.Arguments.Count == 0 ? "(no arguments)" : call.Arguments.ToJsonString(Indented);
            children.Add((JsonNode)new JsonObject { ["type"] = "Markdown", ["value"] = $"```json\n{arguments}\n```" });
        }
    }

    private static string Describe(IReadOnlyList<PendingToolApproval> calls) =>
        string.Join(", ", calls.Where(c => c.RequiresApproval).Select(c => $"{c.Name}({c.Arguments.ToJsonString()})"));

    private static JsonObject Title(string text) => new() { ["type"] = "Title", ["value"] = text, ["size"] = "sm" };

    private static JsonObject Button(string label, string actionType, JsonArray calls, bool primary) => new()
    {
        ["type"] = "Button",
        ["label"] = label,
        ["style"] = primary ? "primary" : "secondary",
        ["onClickAction"] = new JsonObject { ["type"] = actionType, ["payload"] = new JsonObject { ["calls"] = calls.DeepClone() } },
    };
}
