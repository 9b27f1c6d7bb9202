using ChatKit.AI;

namespace ChatKit.Agents;

/// <summary>Settings of a <see cref="WorkflowResponder"/>.</summary>
public sealed class WorkflowResponderOptions
{
    /// <summary>Turns the thread's items into the chat messages the workflow starts with.</summary>
    public ThreadItemConverter Converter { get; set; } = new();

    /// <summary>How many of the newest thread items are sent to the workflow (default 50).</summary>
    public int MaxHistoryItems { get; set; } = 50;

    /// <summary>The title of an executor's task; defaults to the executor id.</summary>
    public Func<string, string>? ExecutorTitle { get; set; }

    /// <summary>Which executors get a task (default: every one). Return false for plumbing executors.</summary>
    public Func<string, bool>? ShowExecutor { get; set; }

    /// <summary>The title of the task shown when an agent hands the conversation to another agent.</summary>
    public Func<string, string> HandoffTitle { get; set; } = target => $"Handed off to {target}";

    /// <summary>The error shown when the workflow ends without any output.</summary>
    public string EmptyOutputMessage { get; set; } = "The workflow finished without an answer. Please try again.";

    /// <summary>The clock for item timestamps and the workflow's duration.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
