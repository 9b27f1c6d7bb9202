namespace ChatKit.Server;

/// <summary>Applies <c>thread.item.updated</c> changes to items exactly as the protocol specifies (docs/protocol.md §5.2).</summary>
public static class ThreadItemUpdates
{
    /// <summary>Applies an assistant-message update; other updates are ignored.</summary>
    public static void Apply(AssistantMessageItem message, ThreadItemUpdate update)
    {
        switch (update)
        {
            case AssistantMessageContentPartAdded added:
                Part(message, added.ContentIndex);
                message.Content[added.ContentIndex] = added.Content.Clone();
                break;
            case AssistantMessageContentPartDone done:
                Part(message, done.ContentIndex);
                message.Content[done.ContentIndex] = done.Content.Clone();
                break;
            case AssistantMessageContentPartTextDelta delta:
                Part(message, delta.ContentIndex).Text += delta.Delta;
                break;
            case AssistantMessageContentPartAnnotationAdded annotation:
                var annotations = Part(message, annotation.ContentIndex).Annotations;
                if (annotation.AnnotationIndex >= 0 && annotation.AnnotationIndex <= annotations.Count)
                {
                    annotations.Insert(annotation.AnnotationIndex, annotation.Annotation);
                }
                else
                {
                    annotations.Add(annotation.Annotation);
                }

                break;
        }
    }

    /// <summary>Applies a workflow task update; other updates are ignored.</summary>
    public static void Apply(WorkflowItem workflow, ThreadItemUpdate update)
    {
        switch (update)
        {
            case WorkflowTaskAdded added:
                // The reference ignores task_index here and appends.
                workflow.Workflow.Tasks.Add(added.Task);
                break;
            case WorkflowTaskUpdated updated when updated.TaskIndex >= 0 && updated.TaskIndex < workflow.Workflow.Tasks.Count:
                workflow.Workflow.Tasks[updated.TaskIndex] = updated.Task;
                break;
        }
    }

    private static AssistantMessageContent Part(AssistantMessageItem message, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        while (message.Content.Count <= index)
        {
            message.Content.Add(new AssistantMessageContent());
        }

        return message.Content[index];
    }
}
