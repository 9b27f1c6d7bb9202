using System.Text;
using ChatKit.Stores;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace ChatKit.Agents;

/// <summary>
/// The custom ChatKit workflow item that shows an Agent Framework workflow run: one task per executor (loading while it
/// runs, complete when it is done, with what its agent said), and a task per hand-off between agents.
/// </summary>
internal sealed class WorkflowProgress(WorkflowResponderOptions options, string threadId, Func<string> newItemId)
{
    /// <summary>Hand-offs are function calls named with this prefix and the target agent (Agent Framework's convention).</summary>
    private const string HandoffPrefix = "handoff_to_";

    private readonly List<CustomTask> _tasks = [];
    private readonly Dictionary<string, int> _executorTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StringBuilder> _agentText = new(StringComparer.Ordinal);
    private string? _id;
    private DateTimeOffset _createdAt;

    public List<ThreadStreamEvent> ExecutorStarted(string executorId)
    {
        if (options.ShowExecutor?.Invoke(executorId) == false)
        {
            return [];
        }

        if (_executorTasks.TryGetValue(executorId, out var index))
        {
            // Executors run once per message they receive (an agent gets the messages, then its turn token): one task.
            return _tasks[index].StatusIndicator == TaskStatusIndicator.Loading ? [] : SetStatus(index, TaskStatusIndicator.Loading);
        }

        _executorTasks[executorId] = _tasks.Count;
        return Add(new CustomTask { Title = options.ExecutorTitle?.Invoke(executorId) ?? executorId, StatusIndicator = TaskStatusIndicator.Loading });
    }

    public List<ThreadStreamEvent> ExecutorFinished(string executorId)
    {
        if (!_executorTasks.TryGetValue(executorId, out var index))
        {
            return [];
        }

        if (_agentText.TryGetValue(executorId, out var text) && text.Length > 0)
        {
            _tasks[index] = Copy(_tasks[index], content: text.ToString());
        }

        return SetStatus(index, TaskStatusIndicator.Complete);
    }

    /// <summary>Keeps what an agent inside the workflow says (shown on its task) and shows its hand-offs.</summary>
    public List<ThreadStreamEvent> AgentUpdate(string executorId, AgentResponseUpdate update)
    {
        var events = new List<ThreadStreamEvent>();
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    if (!_agentText.TryGetValue(executorId, out var builder))
                    {
                        _agentText[executorId] = builder = new StringBuilder();
                    }

                    builder.Append(text.Text);
                    break;
                case FunctionCallContent call when call.Name.StartsWith(HandoffPrefix, StringComparison.Ordinal):
                    var target = call.Name[HandoffPrefix.Length..];
                    events.AddRange(Add(new CustomTask { Title = options.HandoffTitle(target), StatusIndicator = TaskStatusIndicator.Complete }));
                    break;
            }
        }

        return events;
    }

    /// <summary>Ends the workflow item with how long the run took (nothing when no task was ever shown).</summary>
    public List<ThreadStreamEvent> Close()
    {
        if (_id is null)
        {
            return [];
        }

        var loading = _tasks.Select((t, i) => (t, i)).Where(p => p.t.StatusIndicator == TaskStatusIndicator.Loading).Select(p => p.i).ToList();
        foreach (var index in loading)
        {
            _tasks[index] = Copy(_tasks[index], TaskStatusIndicator.Complete);
        }

        var seconds = (int)Math.Max(0, (options.TimeProvider.GetUtcNow() - _createdAt).TotalSeconds);
        var done = new ThreadItemDoneEvent { Item = ToItem(new DurationSummary { Duration = seconds }) };
        _id = null;
        return [done];
    }

    private List<ThreadStreamEvent> Add(CustomTask task)
    {
        _tasks.Add(task);
        if (_id is null)
        {
            _id = newItemId();
            _createdAt = options.TimeProvider.GetUtcNow();
            return [new ThreadItemAddedEvent { Item = ToItem(summary: null) }];
        }

        return [Updated(new WorkflowTaskAdded { TaskIndex = _tasks.Count - 1, Task = Copy(task) })];
    }

    private List<ThreadStreamEvent> SetStatus(int index, TaskStatusIndicator status)
    {
        _tasks[index] = Copy(_tasks[index], status);
        return _id is null ? [] : [Updated(new WorkflowTaskUpdated { TaskIndex = index, Task = Copy(_tasks[index]) })];
    }

    private ThreadItemUpdatedEvent Updated(ThreadItemUpdate update) => new() { ItemId = _id!, Update = update };

    private WorkflowItem ToItem(WorkflowSummary? summary) => new()
    {
        Id = _id!,
        ThreadId = threadId,
        CreatedAt = _createdAt,
        Workflow = new Workflow { Type = WorkflowType.Custom, Tasks = _tasks.Select(t => (WorkflowTask)Copy(t)).ToList(), Summary = summary },
    };

    // Every event gets task objects of its own: nothing already streamed changes afterwards.
    private static CustomTask Copy(CustomTask task, TaskStatusIndicator? status = null, string? content = null) => new()
    {
        Title = task.Title,
        Icon = task.Icon,
        Content = content ?? task.Content,
        StatusIndicator = status ?? task.StatusIndicator,
    };
}
