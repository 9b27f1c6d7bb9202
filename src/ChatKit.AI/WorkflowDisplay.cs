using ChatKit.Stores;
using Microsoft.Extensions.AI;
using static ChatKit.AI.TurnEvents;

namespace ChatKit.AI;

/// <summary>
/// The workflow item a turn shows while the model reasons or tools run: a reasoning workflow of streamed thoughts, or
/// a tool workflow of one task per call. At most one is open; opening the other kind closes it.
/// </summary>
internal sealed class WorkflowDisplay<TContext>(TurnScope<TContext> scope, ChatClientResponder responder)
{
    private OpenWorkflow? _workflow;

    /// <summary>A new model call starts: its reasoning is a new thought.</summary>
    public void OnModelCall() => _workflow?.EndThought();

    public void AppendReasoning(string delta, List<ThreadStreamEvent> events)
    {
        if (_workflow is not { Type: WorkflowType.Reasoning })
        {
            events.AddRange(Close());
            _workflow = new OpenWorkflow(scope.CreateItemId(StoreItemKind.Workflow), scope.Now, WorkflowType.Reasoning) { Announced = true };
            events.Add(new ThreadItemAddedEvent { Item = _workflow.ToItem(scope.ThreadId, summary: null) });
        }

        var workflow = _workflow;
        var (index, started) = workflow.AppendThought(delta);
        var task = Copy(workflow.Tasks[index]);
        events.Add(Updated(workflow.Id, started
            ? new WorkflowTaskAdded { TaskIndex = index, Task = task }
            : new WorkflowTaskUpdated { TaskIndex = index, Task = task }));
    }

    /// <summary>Shows a tool call as it starts, the way <see cref="ChatClientResponderOptions.ToolCallDisplay"/> asks.</summary>
    public List<ThreadStreamEvent> OnToolCallStarting(FunctionCallContent call)
    {
        var events = new List<ThreadStreamEvent>();
        switch (scope.Options.ToolCallDisplay)
        {
            case ToolCallDisplay.ProgressUpdate:
                events.Add(new ProgressUpdateEvent { Text = responder.GetToolCallText(call) });
                break;

            case ToolCallDisplay.Workflow:
                if (_workflow is not { Type: WorkflowType.Custom })
                {
                    events.AddRange(Close());
                    _workflow = new OpenWorkflow(scope.CreateItemId(StoreItemKind.Workflow), scope.Now, WorkflowType.Custom);
                }

                var workflow = _workflow;
                var task = new CustomTask { Title = responder.GetToolCallText(call), StatusIndicator = TaskStatusIndicator.Loading };
                workflow.CallTasks[call.CallId] = workflow.Tasks.Count;
                workflow.Tasks.Add(task);
                if (!workflow.Announced)
                {
                    // Custom workflows are announced with their first task.
                    workflow.Announced = true;
                    events.Add(new ThreadItemAddedEvent { Item = workflow.ToItem(scope.ThreadId, summary: null) });
                }
                else
                {
                    events.Add(Updated(workflow.Id, new WorkflowTaskAdded { TaskIndex = workflow.Tasks.Count - 1, Task = Copy(task) }));
                }

                break;
        }

        return events;
    }

    /// <summary>Marks the task of the call <paramref name="callId"/> complete.</summary>
    public List<ThreadStreamEvent> OnToolFinished(string callId)
    {
        if (_workflow is not { Type: WorkflowType.Custom } workflow || !workflow.CallTasks.Remove(callId, out var taskIndex))
        {
            return [];
        }

        var task = (CustomTask)Copy(workflow.Tasks[taskIndex]);
        task.StatusIndicator = TaskStatusIndicator.Complete;
        workflow.Tasks[taskIndex] = task;
        return [Updated(workflow.Id, new WorkflowTaskUpdated { TaskIndex = taskIndex, Task = Copy(task) })];
    }

    /// <summary>Passes on an event a tool streamed, closing the workflow first when the event shows an item of its own.</summary>
    public List<ThreadStreamEvent> OnToolEvent(ThreadStreamEvent e)
    {
        var events = new List<ThreadStreamEvent>();
        var item = e switch
        {
            ThreadItemAddedEvent added => added.Item,
            ThreadItemDoneEvent done => done.Item,
            _ => null,
        };
        if (item is not null && !item.IsHidden && item is not ClientToolCallItem && item.Id != _workflow?.Id)
        {
            // A visible item after the tool workflow: close the workflow so the item shows below it.
            if (_workflow is { } workflow)
            {
                foreach (var (_, taskIndex) in workflow.CallTasks)
                {
                    if (workflow.Tasks[taskIndex] is CustomTask { StatusIndicator: TaskStatusIndicator.Loading } loading)
                    {
                        var complete = (CustomTask)Copy(loading);
                        complete.StatusIndicator = TaskStatusIndicator.Complete;
                        workflow.Tasks[taskIndex] = complete;
                    }
                }

                events.AddRange(Close());
            }

            if (e is ThreadItemDoneEvent)
            {
                scope.ProducedVisibleItem = true;
            }
        }

        events.Add(e);
        return events;
    }

    /// <summary>Finishes the open workflow with how long it lasted; a workflow never shown is dropped.</summary>
    public List<ThreadStreamEvent> Close()
    {
        if (_workflow is not { } workflow)
        {
            return [];
        }

        _workflow = null;
        if (!workflow.Announced)
        {
            return [];
        }

        var seconds = (int)Math.Max(0, (scope.Now - workflow.CreatedAt).TotalSeconds);
        return [new ThreadItemDoneEvent { Item = workflow.ToItem(scope.ThreadId, new DurationSummary { Duration = seconds }) }];
    }
}
