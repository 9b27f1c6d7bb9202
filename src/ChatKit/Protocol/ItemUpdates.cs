using System.Text.Json.Serialization;
using ChatKit.Widgets;

namespace ChatKit;

/// <summary>The change carried by a <c>thread.item.updated</c> event.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AssistantMessageContentPartAdded), "assistant_message.content_part.added")]
[JsonDerivedType(typeof(AssistantMessageContentPartTextDelta), "assistant_message.content_part.text_delta")]
[JsonDerivedType(typeof(AssistantMessageContentPartAnnotationAdded), "assistant_message.content_part.annotation_added")]
[JsonDerivedType(typeof(AssistantMessageContentPartDone), "assistant_message.content_part.done")]
[JsonDerivedType(typeof(WidgetStreamingTextValueDelta), "widget.streaming_text.value_delta")]
[JsonDerivedType(typeof(WidgetComponentUpdated), "widget.component.updated")]
[JsonDerivedType(typeof(WidgetRootUpdated), "widget.root.updated")]
[JsonDerivedType(typeof(WorkflowTaskAdded), "workflow.task.added")]
[JsonDerivedType(typeof(WorkflowTaskUpdated), "workflow.task.updated")]
[JsonDerivedType(typeof(GeneratedImageUpdated), "generated_image.updated")]
public abstract class ThreadItemUpdate
{
    private protected ThreadItemUpdate()
    {
    }
}

/// <summary>A content part starts (usually with empty text).</summary>
public sealed class AssistantMessageContentPartAdded : ThreadItemUpdate
{
    /// <summary>Index of the part.</summary>
    public required int ContentIndex { get; init; }

    /// <summary>The part.</summary>
    public required AssistantMessageContent Content { get; init; }
}

/// <summary>Text appended to a content part.</summary>
public sealed class AssistantMessageContentPartTextDelta : ThreadItemUpdate
{
    /// <summary>Index of the part.</summary>
    public required int ContentIndex { get; init; }

    /// <summary>The text to append.</summary>
    public required string Delta { get; init; }
}

/// <summary>A citation added to a content part.</summary>
public sealed class AssistantMessageContentPartAnnotationAdded : ThreadItemUpdate
{
    /// <summary>Index of the part.</summary>
    public required int ContentIndex { get; init; }

    /// <summary>Position of the annotation in the part's list.</summary>
    public required int AnnotationIndex { get; init; }

    /// <summary>The annotation.</summary>
    public required Annotation Annotation { get; init; }
}

/// <summary>A content part is final.</summary>
public sealed class AssistantMessageContentPartDone : ThreadItemUpdate
{
    /// <summary>Index of the part.</summary>
    public required int ContentIndex { get; init; }

    /// <summary>The final part.</summary>
    public required AssistantMessageContent Content { get; init; }
}

/// <summary>Text appended to the <c>value</c> of a widget Text/Markdown node with an id.</summary>
public sealed class WidgetStreamingTextValueDelta : ThreadItemUpdate
{
    /// <summary>The node id.</summary>
    public required string ComponentId { get; init; }

    /// <summary>The text to append.</summary>
    public required string Delta { get; init; }

    /// <summary>Whether the node stopped streaming.</summary>
    public required bool Done { get; init; }
}

/// <summary>One widget node replaced (never produced by the diff; for hand-written updates).</summary>
public sealed class WidgetComponentUpdated : ThreadItemUpdate
{
    /// <summary>The node id.</summary>
    public required string ComponentId { get; init; }

    /// <summary>The new node.</summary>
    public required WidgetComponent Component { get; init; }
}

/// <summary>The whole widget replaced.</summary>
public sealed class WidgetRootUpdated : ThreadItemUpdate
{
    /// <summary>The new root.</summary>
    public required WidgetRoot Widget { get; init; }
}

/// <summary>A task appended to a workflow.</summary>
public sealed class WorkflowTaskAdded : ThreadItemUpdate
{
    /// <summary>Index of the task.</summary>
    public required int TaskIndex { get; init; }

    /// <summary>The task.</summary>
    public required WorkflowTask Task { get; init; }
}

/// <summary>A workflow task replaced.</summary>
public sealed class WorkflowTaskUpdated : ThreadItemUpdate
{
    /// <summary>Index of the task.</summary>
    public required int TaskIndex { get; init; }

    /// <summary>The new task.</summary>
    public required WorkflowTask Task { get; init; }
}

/// <summary>A partial or final generated image.</summary>
public sealed class GeneratedImageUpdated : ThreadItemUpdate
{
    /// <summary>The image so far.</summary>
    public required GeneratedImage Image { get; init; }

    /// <summary>Progress from 0 to 1.</summary>
    public double? Progress { get; init; }
}
