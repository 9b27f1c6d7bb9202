using System.Runtime.CompilerServices;
using ChatKit.AI;
using ChatKit.Server;
using Microsoft.Agents.AI;

namespace ChatKit.Agents;

/// <summary>
/// Answers ChatKit turns with any <see cref="AIAgent"/> (a <see cref="ChatClientAgent"/> or an agent of your own):
/// the thread history from the ChatKit store is converted and sent to the agent, its updates become ChatKit events
/// through <see cref="ChatClientResponder"/> (text, reasoning workflows, citations, images), and the agent's
/// <see cref="AgentSession"/> is kept in the thread's private metadata between turns. Call
/// <see cref="RespondAsync{TContext}"/> from a server's <c>RespondAsync</c>, or use <see cref="AgentChatKitServer{TContext}"/>.
/// </summary>
public class AgentResponder
{
    /// <summary>Creates a responder for <paramref name="agent"/>.</summary>
    public AgentResponder(AIAgent agent, AgentResponderOptions? options = null)
    {
        Agent = agent ?? throw new ArgumentNullException(nameof(agent));
        Options = options ?? new AgentResponderOptions();

        // An agent runs its own tools (a ChatClientAgent wraps its model in a function-invoking client): the turn only
        // observes the calls, results and approval requests in its stream, and pauses on calls handed back to it.
        Options.Turn.ChatClientInvokesFunctions = true;
        if (string.IsNullOrWhiteSpace(Options.SessionMetadataKey))
        {
            throw new ArgumentException("The session metadata key must not be empty.", nameof(options));
        }
    }

    /// <summary>The agent.</summary>
    public AIAgent Agent { get; }

    /// <summary>The settings.</summary>
    public AgentResponderOptions Options { get; }

    /// <summary>
    /// Streams the agent's answer to <paramref name="input"/> (or, when null, continues the turn after a client tool
    /// output). The session is stored only when the run ends without an error, so a failed run leaves the previous
    /// session in place.
    /// </summary>
    public IAsyncEnumerable<ThreadStreamEvent> RespondAsync<TContext>(
        ChatKitServer<TContext> server, ThreadMetadata thread, UserMessageItem? input, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(thread);
        return RunAsync(server, thread, input, context, cancellationToken);
    }

    /// <summary>
    /// Answers an approval card the agent's run paused on (a tool wrapped in
    /// <see cref="Microsoft.Extensions.AI.ApprovalRequiredAIFunction"/>): the card shows the decision and the agent's run
    /// resumes with the approval response, so the agent's own function-invoking client runs the call or tells the model
    /// it was denied. Call it from <c>ActionAsync</c> when <see cref="ChatClientResponder.IsToolApprovalAction"/> is true
    /// (<see cref="AgentChatKitServer{TContext}"/> does).
    /// </summary>
    public IAsyncEnumerable<ThreadStreamEvent> RespondToToolApprovalAsync<TContext>(
        ChatKitServer<TContext> server, ThreadMetadata thread, CustomAction action, WidgetItem? sender, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(action);
        return RunWithSessionAsync(thread, turn => turn.RespondToToolApprovalAsync(server, thread, action, sender, context, cancellationToken), cancellationToken);
    }

    /// <summary>The responder that drives one turn over <paramref name="chatClient"/> (the agent's run as a chat client).</summary>
    /// <remarks>Override to customize history loading or chat options with a <see cref="ChatClientResponder"/> subclass.</remarks>
    protected virtual ChatClientResponder CreateTurnResponder(Microsoft.Extensions.AI.IChatClient chatClient) =>
        new(chatClient, Options.Turn);

    private IAsyncEnumerable<ThreadStreamEvent> RunAsync<TContext>(
        ChatKitServer<TContext> server, ThreadMetadata thread, UserMessageItem? input, TContext context, CancellationToken ct) =>
        RunWithSessionAsync(thread, turn => turn.RespondAsync(server, thread, input, context, ct), ct);

    // Loads the thread's agent session, runs one turn over it, and stores it again when the turn ended without an error.
    private async IAsyncEnumerable<ThreadStreamEvent> RunWithSessionAsync(
        ThreadMetadata thread, Func<ChatClientResponder, IAsyncEnumerable<ThreadStreamEvent>> run, [EnumeratorCancellation] CancellationToken ct)
    {
        var key = Options.SessionMetadataKey;
        var session = await AgentSessionSlot.LoadAsync(Agent, thread, key, Options.SessionSerializerOptions, ct).ConfigureAwait(false);
        AgentSessionSlot.ForgetConversation(session);
        var turn = CreateTurnResponder(new AgentChatClient(Agent, session));
        await foreach (var e in run(turn).ConfigureAwait(false))
        {
            yield return e;
        }

        await AgentSessionSlot.SaveAsync(Agent, session, thread, key, Options.SessionSerializerOptions, ct).ConfigureAwait(false);
    }
}
