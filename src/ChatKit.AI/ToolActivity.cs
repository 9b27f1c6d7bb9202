using ChatKit.Stores;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// What the turn observes of the tool loop in the update stream: calls starting, their results, and approval
/// requests. It never invokes anything (the function-invoking client does); it shows the calls, remembers results when
/// asked to, and knows at the end of the stream which calls were handed back unanswered.
/// </summary>
internal sealed class ToolActivity<TContext>(TurnScope<TContext> scope, WorkflowDisplay<TContext> workflow, ToolHost host)
{
    private readonly List<FunctionCallContent> _unanswered = [];

    /// <summary>Calls the stream showed without a result (in the order they came).</summary>
    public IReadOnlyList<FunctionCallContent> Unanswered => _unanswered;

    /// <summary>Calls the function-invoking client wants approved before it runs them.</summary>
    public List<ToolApprovalRequestContent> ApprovalRequests { get; } = [];

    public void OnCall(FunctionCallContent call, List<ThreadStreamEvent> events)
    {
        _unanswered.Add(call);
        events.AddRange(workflow.OnToolCallStarting(call));
    }

    public void OnResult(FunctionResultContent result, List<ThreadStreamEvent> events)
    {
        var index = _unanswered.FindIndex(c => c.CallId == result.CallId);
        if (index < 0)
        {
            // The result of a call the stream marked informational (e.g. one the client reports as rejected).
            return;
        }

        var call = _unanswered[index];
        _unanswered.RemoveAt(index);
        events.AddRange(workflow.OnToolFinished(call.CallId));

        // The model is asked again after the results: its reasoning there is a new thought.
        workflow.OnModelCall();
        if (scope.Options.RememberToolResults && host.ClientToolRequest?.CallId != call.CallId)
        {
            events.Add(RememberResult(call, result));
        }
    }

    /// <summary>A hidden note so later turns know what a tool returned (the call itself is not kept).</summary>
    private ThreadItemDoneEvent RememberResult(FunctionCallContent call, FunctionResultContent result)
    {
        var output = AIJson.ToText(result.Result);
        var limit = Math.Max(0, scope.Options.MaxRememberedToolResultLength);
        if (output.Length > limit)
        {
            output = output[..limit] + "… (truncated)";
        }

        return new ThreadItemDoneEvent
        {
            Item = new SdkHiddenContextItem
            {
                Id = scope.CreateItemId(StoreItemKind.SdkHiddenContext),
                ThreadId = scope.ThreadId,
                CreatedAt = scope.Now,
                Content = $"The assistant called the tool {call.Name} with the arguments {AIJson.ToText(AIJson.ToJsonObject(call.Arguments))} and it returned:\n{output}",
            },
        };
    }
}
