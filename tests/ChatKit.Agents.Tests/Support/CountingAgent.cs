using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace ChatKit.Agents.Tests.Support;

/// <summary>
/// An agent that is not a ChatClientAgent: it answers "turn N: {last user text}" and counts its turns in its session's
/// state, so the session surviving between turns (and restarts) shows in the answer. It can be told to fail mid-stream.
/// </summary>
public sealed class CountingAgent : AIAgent
{
    private const string CounterKey = "turns";

    /// <summary>When set, the next run streams some text and then throws this.</summary>
    public Exception? FailNextRunWith { get; set; }

    /// <summary>The messages of every run, rendered "role: text".</summary>
    public List<List<string>> Runs { get; } = [];

    protected override ValueTask<AgentSession> CreateSessionCoreAsync(CancellationToken cancellationToken) => new(new CountingSession());

    protected override ValueTask<JsonElement> SerializeSessionCoreAsync(AgentSession session, JsonSerializerOptions? jsonSerializerOptions = null, CancellationToken cancellationToken = default) =>
        new(JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { ["state"] = session.StateBag.Serialize() }));

    protected override ValueTask<AgentSession> DeserializeSessionCoreAsync(JsonElement serializedState, JsonSerializerOptions? jsonSerializerOptions = null, CancellationToken cancellationToken = default) =>
        new(new CountingSession(AgentSessionStateBag.Deserialize(serializedState.GetProperty("state"))));

    protected override async Task<AgentResponse> RunCoreAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<AgentResponseUpdate>();
        await foreach (var update in RunCoreStreamingAsync(messages, session, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToAgentResponse();
    }

    protected override async IAsyncEnumerable<AgentResponseUpdate> RunCoreStreamingAsync(
        IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Runs.Add(ScriptedChatClient.Render(list));
        session ??= await CreateSessionAsync(cancellationToken);
        var turn = (session.StateBag.TryGetValue<string>(CounterKey, out var count) ? int.Parse(count!, System.Globalization.CultureInfo.InvariantCulture) : 0) + 1;
        var last = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        await Task.Yield();
        yield return new AgentResponseUpdate(ChatRole.Assistant, $"turn {turn}: ") { MessageId = "a1" };
        if (FailNextRunWith is { } failure)
        {
            FailNextRunWith = null;
            throw failure;
        }

        session.StateBag.SetValue(CounterKey, turn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new AgentResponseUpdate(ChatRole.Assistant, last) { MessageId = "a1" };
    }

    private sealed class CountingSession : AgentSession
    {
        public CountingSession()
        {
        }

        public CountingSession(AgentSessionStateBag state)
            : base(state)
        {
        }
    }
}
