using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatKit.Server;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// What the tools of one turn share: the turn's single event channel (model updates and tool events, in order), the
/// client tool a tool handed the turn to, and one <see cref="ChatKitToolContext"/> per call. It is made current (an
/// async-local) on the flow that pumps the model stream, so any function-invoking client on that flow (ours or an
/// agent's own) runs its tools where <see cref="ChatKitToolContext.Current"/> finds it.
/// </summary>
internal abstract class ToolHost(ChannelWriter<object> writer, TimeProvider timeProvider)
{
    private static readonly AsyncLocal<ToolHost?> ActiveHost = new();
    private readonly ConcurrentDictionary<string, ChatKitToolContext> _contexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _finished = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public static ToolHost? Active
    {
        get => ActiveHost.Value;
        set => ActiveHost.Value = value;
    }

    public ChannelWriter<object> Writer { get; } = writer;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ClientToolRequest? ClientToolRequest { get; private set; }

    /// <summary>The context of <paramref name="call"/>, the same object for every look-up during the call.</summary>
    public ChatKitToolContext ContextFor(FunctionCallContent call) => _contexts.GetOrAdd(call.CallId, _ => CreateContext(call));

    /// <summary>The call's result went by: its context can no longer stream.</summary>
    public void MarkFinished(string callId) => _finished[callId] = true;

    public bool IsFinished(string callId) => _finished.ContainsKey(callId);

    public void RequestClientToolCall(ClientToolRequest request)
    {
        lock (_gate)
        {
            ClientToolRequest ??= request;
        }
    }

    protected abstract ChatKitToolContext CreateContext(FunctionCallContent call);
}

/// <summary>The tool host of a turn of a server with request context <typeparamref name="TContext"/>.</summary>
internal sealed class ToolHost<TContext>(ChannelWriter<object> writer, TimeProvider timeProvider, ChatKitServer<TContext> server, ThreadMetadata thread, TContext context)
    : ToolHost(writer, timeProvider)
{
    protected override ChatKitToolContext CreateContext(FunctionCallContent call) => new ChatKitToolContext<TContext>(this, call, server, thread, context);
}

/// <summary>A client tool call a tool (or the model, for a declaration-only tool) asked for.</summary>
internal sealed record ClientToolRequest(string CallId, string Name, JsonObject Arguments);
