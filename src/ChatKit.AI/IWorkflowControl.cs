namespace ChatKit.AI;

/// <summary>
/// The workflow operations a tool asks of its turn (<see cref="ChatKitToolContext.StartWorkflowAsync"/> and the
/// rest). They run on the turn's reader, in order with everything else it shows, never on the tool's own flow.
/// </summary>
internal interface IWorkflowControl
{
    List<ThreadStreamEvent> Start(Workflow workflow);

    (List<ThreadStreamEvent> Events, int TaskIndex) AddTask(WorkflowTask task);

    List<ThreadStreamEvent> UpdateTask(int taskIndex, WorkflowTask task);

    List<ThreadStreamEvent> End(WorkflowSummary? summary, bool expanded);
}

/// <summary>A workflow operation a tool sent through the turn's channel; <see cref="Done"/> completes with its result (a task index, or 0).</summary>
internal sealed record WorkflowCommand(Func<IWorkflowControl, (List<ThreadStreamEvent> Events, int Result)> Apply)
{
    public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
