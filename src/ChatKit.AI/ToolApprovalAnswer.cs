using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>The user's answer to an approval card: the turn resumes with it.</summary>
internal sealed record ToolApprovalAnswer(string WidgetItemId, IReadOnlyList<PendingToolApproval> Calls, bool Approved)
{
    /// <summary>What the function-invoking client reads: its requests, then the user's responses to them.</summary>
    public IEnumerable<ChatMessage> ToMessages()
    {
        var requests = Calls
            .Select(c => new ToolApprovalRequestContent(c.RequestId, new FunctionCallContent(c.CallId, c.Name, ToArguments(c))))
            .ToList();
        yield return new ChatMessage(ChatRole.Assistant, [.. requests]);

        // A call that does not itself require approval was only asked about because it came in the same batch.
        yield return new ChatMessage(
            ChatRole.User,
            [.. requests.Select((r, i) => Approved || !Calls[i].RequiresApproval ? r.CreateResponse(true) : r.CreateResponse(false, "The user denied this call."))]);
    }

    public static PendingToolApproval ToPending(ToolApprovalRequestContent request, ChatOptions options)
    {
        var call = request.ToolCall as FunctionCallContent;
        var name = call?.Name ?? request.ToolCall.CallId;
        var tool = options.Tools?.FirstOrDefault(t => t.Name == name);

        // A tool the turn does not know (an agent's own) is asked about: only its client knows why.
        var requiresApproval = tool is null || tool.GetService<ApprovalRequiredAIFunction>() is not null;
        return new PendingToolApproval(request.RequestId, request.ToolCall.CallId, name, AIJson.ToJsonObject(call?.Arguments), requiresApproval);
    }

    // Values as JSON elements, as a model's parsed arguments are.
    private static Dictionary<string, object?> ToArguments(PendingToolApproval call) =>
        call.Arguments.ToDictionary(
            p => p.Key,
            p => p.Value is null ? null : (object?)JsonDocument.Parse(p.Value.ToJsonString()).RootElement.Clone(),
            StringComparer.Ordinal);
}
