namespace ChatKit.AI;

/// <summary>Small builders shared by the parts of a turn.</summary>
internal static class TurnEvents
{
    public static ThreadItemUpdatedEvent Updated(string itemId, ThreadItemUpdate update) => new() { ItemId = itemId, Update = update };

    /// <summary>
    /// A copy of a task, so an event never shares a task object with the turn's state (which keeps changing) or with
    /// another event.
    /// </summary>
    public static WorkflowTask Copy(WorkflowTask task) => task switch
    {
        ThoughtTask t => new ThoughtTask { Content = t.Content, Title = t.Title, StatusIndicator = t.StatusIndicator },
        CustomTask c => new CustomTask { Title = c.Title, Content = c.Content, Icon = c.Icon, StatusIndicator = c.StatusIndicator },
        _ => task,
    };
}
