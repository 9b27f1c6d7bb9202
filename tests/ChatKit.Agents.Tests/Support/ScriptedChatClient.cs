using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatKit.Agents.Tests.Support;

/// <summary>A model that replays scripted streams and records the messages of every call.</summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<ChatResponseUpdate[]> _scripts = new();

    public List<List<ChatMessage>> Calls { get; } = [];

    /// <summary>The instructions (<see cref="ChatOptions.Instructions"/>) of every call.</summary>
    public List<string?> Instructions { get; } = [];

    /// <summary>The conversation id (<see cref="ChatOptions.ConversationId"/>) of every call.</summary>
    public List<string?> ConversationIds { get; } = [];

    public ScriptedChatClient Then(params ChatResponseUpdate[] updates)
    {
        _scripts.Enqueue(updates);
        return this;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add(messages.Select(m => m.Clone()).ToList());
        Instructions.Add(options?.Instructions);
        ConversationIds.Add(options?.ConversationId);
        var script = _scripts.Count > 0 ? _scripts.Dequeue() : throw new InvalidOperationException("No scripted response left.");
        foreach (var update in script)
        {
            await Task.Yield();
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    public static ChatResponseUpdate Text(string text) => new(ChatRole.Assistant, text) { MessageId = "m1" };

    public static ChatResponseUpdate Reasoning(string text) => new(ChatRole.Assistant, [new TextReasoningContent(text)]) { MessageId = "m1" };

    /// <summary>The messages of a call as "role: text" lines, for comparing what the model was sent.</summary>
    public static List<string> Render(IEnumerable<ChatMessage> messages) =>
        messages.Select(m => $"{m.Role.Value}: {m.Text}").ToList();
}
