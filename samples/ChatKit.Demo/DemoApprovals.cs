using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatKit.Demo;

/// <summary>
/// The offline demo's way to show tool approvals without a model: for "delete file" a scripted chat client asks to call
/// <c>delete_file</c>, a tool wrapped in <see cref="ApprovalRequiredAIFunction"/>, and the real
/// <see cref="ChatKit.AI.ChatClientResponder"/> runs the turn, so the approval card, Approve and Deny are the library's.
/// </summary>
public static class DemoApprovals
{
    /// <summary>What the user types to get the approval card.</summary>
    public const string Keyword = "delete file";

    /// <summary>The demo tool: it only says what it would delete.</summary>
    public static AITool DeleteFileTool { get; } = new ApprovalRequiredAIFunction(AIFunctionFactory.Create(
        (string path) => $"Deleted {path} (the demo deletes nothing for real).",
        "delete_file",
        "Deletes a file in the user's workspace."));
}

/// <summary>A deterministic chat client: it asks to delete <c>notes.txt</c>, then reports the tool's result or the denial.</summary>
internal sealed class DemoApprovalChatClient : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var last = messages.LastOrDefault();
        if (last?.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
        {
            var text = result.Result?.ToString() ?? string.Empty;
            yield return new ChatResponseUpdate(
                ChatRole.Assistant,
                text.Contains("rejected", StringComparison.OrdinalIgnoreCase)
                    ? "You denied the deletion, so I left `notes.txt` alone."
                    : $"Done: {text.Trim('"')}");
            yield break;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, "I can delete `notes.txt` for you once you approve. ");
        yield return new ChatResponseUpdate(
            ChatRole.Assistant,
            [new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..12], "delete_file", new Dictionary<string, object?> { ["path"] = "notes.txt" })]);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
