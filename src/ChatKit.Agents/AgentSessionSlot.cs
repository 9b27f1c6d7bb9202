using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Agents.AI;

namespace ChatKit.Agents;

/// <summary>
/// Keeps an agent's <see cref="AgentSession"/> in the private metadata of the ChatKit thread it belongs to, serialized
/// with the agent's own <see cref="AIAgent.SerializeSessionAsync"/>. Thread metadata is stored with the thread (so it
/// survives restarts and is deleted with it), is never sent to the client and is not model input, and the server saves
/// it when a turn changes it: no extra store call, no item in the history.
/// </summary>
internal static class AgentSessionSlot
{
    public static async ValueTask<AgentSession> LoadAsync(AIAgent agent, ThreadMetadata thread, string key, JsonSerializerOptions? json, CancellationToken ct)
    {
        if (thread.Metadata[key] is JsonNode stored)
        {
            var element = JsonSerializer.SerializeToElement(stored, AgentsJsonContext.Default.JsonNode);
            return await agent.DeserializeSessionAsync(element, json, ct).ConfigureAwait(false);
        }

        return await agent.CreateSessionAsync(ct).ConfigureAwait(false);
    }

    public static async ValueTask SaveAsync(AIAgent agent, AgentSession session, ThreadMetadata thread, string key, JsonSerializerOptions? json, CancellationToken ct)
    {
        ForgetConversation(session);
        var element = await agent.SerializeSessionAsync(session, json, ct).ConfigureAwait(false);
        var stored = JsonNode.Parse(element.GetRawText());
        if (session is ChatClientAgentSession && stored is JsonObject state)
        {
            // A service-side conversation id cannot be cleared on the session itself; it is left out of what is stored,
            // so the next turn (which sends the whole thread) does not continue that conversation too.
            state.Remove(ConversationIdProperty);
        }

        thread.Metadata[key] = stored;
    }

    private const string ConversationIdProperty = "conversationId";

    /// <summary>
    /// The ChatKit thread is the conversation, sent in full on every turn; a copy of it kept by the agent (its in-memory
    /// chat history, or a conversation id on the model's service) would be sent a second time, so neither is stored.
    /// The rest of the session (context providers' state) is kept.
    /// </summary>
    public static void ForgetConversation(AgentSession session)
    {
        if (session.TryGetInMemoryChatHistory(out var messages) && messages is { Count: > 0 })
        {
            session.SetInMemoryChatHistory([]);
        }
    }
}
