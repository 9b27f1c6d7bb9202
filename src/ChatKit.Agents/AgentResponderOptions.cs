using System.Text.Json;
using ChatKit.AI;

namespace ChatKit.Agents;

/// <summary>Settings of an <see cref="AgentResponder"/>.</summary>
public sealed class AgentResponderOptions
{
    /// <summary>The default <see cref="SessionMetadataKey"/>.</summary>
    public const string DefaultSessionMetadataKey = "agent_session";

    /// <summary>
    /// How the turn is shown and what the agent is sent: history conversion (<see cref="ChatClientResponderOptions.Converter"/>,
    /// <see cref="ChatClientResponderOptions.MaxHistoryItems"/>), titles, notices, tool display, allowed models. The
    /// agent's own instructions and tools apply; <see cref="ChatClientResponderOptions.Instructions"/> and
    /// <see cref="ChatClientResponderOptions.Tools"/> are added to them when set.
    /// </summary>
    public ChatClientResponderOptions Turn { get; set; } = new();

    /// <summary>
    /// The key of the thread's private metadata under which the agent's session is kept (default
    /// <c>agent_session</c>). Two agents answering in the same thread need two keys.
    /// </summary>
    public string SessionMetadataKey { get; set; } = DefaultSessionMetadataKey;

    /// <summary>Options handed to the agent's session (de)serialization, for sessions holding custom state types.</summary>
    public JsonSerializerOptions? SessionSerializerOptions { get; set; }
}
