using System.Runtime.CompilerServices;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace ChatKit.Agents;

/// <summary>
/// An <see cref="IChatClient"/> view of one agent run: what a ChatKit turn sends to a model is sent to the agent, with
/// the session of the thread, and the agent's updates come back as chat updates. This is what lets
/// <see cref="ChatKit.AI.ChatClientResponder"/>'s single translation of updates to ChatKit events serve agents too.
/// </summary>
internal sealed class AgentChatClient(AIAgent agent, AgentSession session) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The turn's options (the model the user picked, a required tool, tools declared on the ChatKit side) reach a
        // ChatClientAgent merged over its own; other agents read what they understand of AgentRunOptions.
        var runOptions = new ChatClientAgentRunOptions(options);
        await foreach (var update in agent.RunStreamingAsync(messages, session, runOptions, cancellationToken).ConfigureAwait(false))
        {
            yield return update.AsChatResponseUpdate();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : serviceKey is null && serviceType.IsInstanceOfType(agent) ? agent
            : agent.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
        // The agent belongs to the application; one turn's view of it owns nothing.
    }
}
