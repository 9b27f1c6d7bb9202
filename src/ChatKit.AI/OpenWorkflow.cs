using System.Text;

namespace ChatKit.AI;

/// <summary>A workflow item a turn is still adding to: a reasoning workflow or a tool-call workflow.</summary>
internal sealed class OpenWorkflow(string id, DateTimeOffset createdAt, WorkflowType type)
{
    // The streaming thought's text so far; appended to per delta so its text is never rebuilt from pieces.
    private readonly StringBuilder _thought = new();

    public string Id { get; } = id;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public WorkflowType Type { get; } = type;

    public List<WorkflowTask> Tasks { get; } = [];

    public bool Announced { get; set; }

    /// <summary>The task index of the streaming thought of a reasoning workflow, if one is streaming.</summary>
    public int? ThoughtIndex { get; private set; }

    /// <summary>Call id of a running tool call → task index, for tool workflows.</summary>
    public Dictionary<string, int> CallTasks { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Appends reasoning text to the streaming thought, starting one if none streams, and returns its index and
    /// whether it was started. The text is materialized once per delta: each update event carries the whole thought
    /// (a task update replaces the task).
    /// </summary>
    public (int Index, bool Started) AppendThought(string delta)
    {
        var started = ThoughtIndex is null;
        if (started)
        {
            _thought.Clear();
        }

        _thought.Append(delta);
        var thought = new ThoughtTask { Content = _thought.ToString() };
        if (ThoughtIndex is not { } index)
        {
            index = Tasks.Count;
            ThoughtIndex = index;
            Tasks.Add(thought);
        }
        else
        {
            Tasks[index] = thought;
        }

        return (index, started);
    }

    /// <summary>Ends the streaming thought: reasoning of the next model call is a new thought.</summary>
    public void EndThought() => ThoughtIndex = null;

    public WorkflowItem ToItem(string threadId, WorkflowSummary? summary) => new()
    {
        Id = Id,
        ThreadId = threadId,
        CreatedAt = CreatedAt,
        Workflow = new Workflow { Type = Type, Tasks = Tasks.Select(TurnEvents.Copy).ToList(), Summary = summary, Expanded = false },
    };
}
