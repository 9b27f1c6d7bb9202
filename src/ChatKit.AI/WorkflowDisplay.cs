using ChatKit.Stores;
using Microsoft.Extensions.AI;
using static ChatKit.AI.TurnEvents;

namespace ChatKit.AI;

/// <summary>
/// The workflow item a turn shows while the model reasons or tools run: a reasoning workflow of streamed thoughts, a
/// tool workflow of one task per call, or a workflow the app drives from its tools (<see cref="IWorkflowControl"/>).
/// At most one is open; opening another closes it, and so does a message or any other visible item. The turn closes
/// whatever is still open at its end, keeping a summary the app chose.
/// </summary>
internal sealed class WorkflowDisplay<TContext>(TurnScope<TContext> scope, ChatClientResponder responder) : IWorkflowControl
{
    private OpenWorkflow? _workflow;

    /// <summary>Whether a workflow the app started is open (it outlives a client tool pause).</summary>
    public bool AppWorkflowOpen => _workflow is { StartedByApp: true };

    /// <summary>
    /// Continues a workflow an earlier turn of the thread left open (a tool's workflow at a client tool pause): its
    /// item is already shown and stored, so nothing is announced again.
    /// </summary>
    public void Resume(WorkflowItem item) => _workflow = OpenWorkflow.From(item);

    /// <summary>
    /// Keeps the app's open workflow for the turn that resumes after a client tool pause: stored as it stands, with no
    /// <c>thread.item.done</c>, so the client keeps showing it in progress.
    /// </summary>
    public async ValueTask KeepOpenAsync(CancellationToken ct)
    {
        if (_workflow is { StartedByApp: true, Announced: true } workflow)
        {
            await scope.Server.Store.AddThreadItemAsync(scope.ThreadId, workflow.ToItem(scope.ThreadId, workflow.Summary), scope.Context, ct).ConfigureAwait(false);
            _workflow = null;
        }
    }

    /// <inheritdoc />
    public List<ThreadStreamEvent> Start(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var events = Close();
        var open = new OpenWorkflow(scope.CreateItemId(StoreItemKind.Workflow), scope.Now, workflow.Type)
        {
            StartedByApp = true,
            Summary = workflow.Summary,
            Expanded = workflow.Expanded,
        };
        open.Tasks.AddRange(workflow.Tasks.Select(Copy));
        _workflow = open;

        // A custom workflow is shown with its first task; a reasoning one at once.
        if (open.Type == WorkflowType.Reasoning || open.Tasks.Count > 0)
        {
            open.Announced = true;
            events.Add(new ThreadItemAddedEvent { Item = open.ToItem(scope.ThreadId, summary: null) });
        }

        return events;
    }

    /// <inheritdoc />
    public (List<ThreadStreamEvent> Events, int TaskIndex) AddTask(WorkflowTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var events = new List<ThreadStreamEvent>();
        if (_workflow is null)
        {
            events.AddRange(Start(new Workflow { Type = WorkflowType.Custom }));
        }

        var workflow = _workflow!;
        workflow.EndThought();
        workflow.Tasks.Add(Copy(task));
        var index = workflow.Tasks.Count - 1;
        if (!workflow.Announced)
        {
            workflow.Announced = true;
            events.Add(new ThreadItemAddedEvent { Item = workflow.ToItem(scope.ThreadId, summary: null) });
        }
        else
        {
            events.Add(Updated(workflow.Id, new WorkflowTaskAdded { TaskIndex = index, Task = Copy(task) }));
        }

        return (events, index);
    }

    /// <inheritdoc />
    public List<ThreadStreamEvent> UpdateTask(int taskIndex, WorkflowTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var workflow = _workflow ?? throw new InvalidOperationException("No workflow is open: start one (StartWorkflowAsync or AddWorkflowTaskAsync) before updating its tasks.");
        if (taskIndex < 0 || taskIndex >= workflow.Tasks.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(taskIndex), taskIndex, $"The open workflow has {workflow.Tasks.Count} tasks.");
        }

        workflow.Tasks[taskIndex] = Copy(task);
        return workflow.Announced ? [Updated(workflow.Id, new WorkflowTaskUpdated { TaskIndex = taskIndex, Task = Copy(task) })] : [];
    }

    /// <inheritdoc />
    public List<ThreadStreamEvent> End(WorkflowSummary? summary, bool expanded)
    {
        if (_workflow is not { } workflow)
        {
            return [];
        }

        workflow.Summary = summary ?? workflow.Summary;
        workflow.Expanded = expanded;

        // Ended on purpose: shown even if it never got a task.
        workflow.Announced = true;
        return Close();
    }

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
            // A workflow a tool streamed itself becomes the open one, so the turn continues and closes it.
            var streamedWorkflow = e is ThreadItemAddedEvent && item is WorkflowItem;

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

            if (streamedWorkflow)
            {
                _workflow = OpenWorkflow.From((WorkflowItem)item);
            }
        }

        else if (_workflow is { } open)
        {
            // The tool's own events about the open workflow keep the turn's copy current, so closing it later keeps them.
            switch (e)
            {
                case ThreadItemDoneEvent done when done.Item.Id == open.Id:
                    _workflow = null;
                    break;
                case ThreadItemUpdatedEvent { Update: WorkflowTaskAdded added } update when update.ItemId == open.Id:
                    open.EndThought();
                    open.Tasks.Add(Copy(added.Task));
                    break;
                case ThreadItemUpdatedEvent { Update: WorkflowTaskUpdated changed } update when update.ItemId == open.Id
                    && changed.TaskIndex >= 0 && changed.TaskIndex < open.Tasks.Count:
                    open.Tasks[changed.TaskIndex] = Copy(changed.Task);
                    break;
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

        // A summary the app chose stays; otherwise the workflow says how long it took.
        var seconds = (int)Math.Max(0, (scope.Now - workflow.CreatedAt).TotalSeconds);
        var summary = workflow.Summary ?? new DurationSummary { Duration = seconds };
        return [new ThreadItemDoneEvent { Item = workflow.ToItem(scope.ThreadId, summary, workflow.Expanded) }];
    }
}
