using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit;

/// <summary>A part of a user message: text or an @-mention tag.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(UserMessageTextContent), "input_text")]
[JsonDerivedType(typeof(UserMessageTagContent), "input_tag")]
public abstract class UserMessageContent
{
    private protected UserMessageContent()
    {
    }
}

/// <summary>Plain text typed by the user.</summary>
public sealed class UserMessageTextContent : UserMessageContent
{
    /// <summary>The text.</summary>
    public required string Text { get; init; }
}

/// <summary>An entity the user @-mentioned in the composer.</summary>
public sealed class UserMessageTagContent : UserMessageContent
{
    /// <summary>The entity id.</summary>
    public required string Id { get; init; }

    /// <summary>The display text of the mention.</summary>
    public required string Text { get; init; }

    /// <summary>Application data of the entity (free-form; keys are never renamed). A missing value reads as <c>{}</c>.</summary>
    public JsonObject Data { get; set; } = [];

    /// <summary>The group the entity was listed under.</summary>
    public string? Group { get; init; }

    /// <summary>Whether the tag is clickable in the client.</summary>
    public bool Interactive { get; init; }
}

/// <summary>What the user picked in the composer's tool and model menus.</summary>
public sealed class InferenceOptions
{
    /// <summary>The tool the user picked (<c>composer.tools[].id</c>).</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>The model the user picked (<c>composer.models[].id</c>).</summary>
    public string? Model { get; init; }
}

/// <summary>A tool picked in the composer.</summary>
public sealed class ToolChoice
{
    /// <summary>The tool id.</summary>
    public required string Id { get; init; }
}

/// <summary>One text part of an assistant message (Markdown) with its citations.</summary>
public sealed class AssistantMessageContent
{
    /// <summary>Citations; always written.</summary>
    /// <remarks>Created on first use (setting null empties it): most parts have none, and a streamed reply creates and
    /// copies parts on every turn.</remarks>
    public List<Annotation> Annotations
    {
        get => _annotations ??= [];
        set => _annotations = value;
    }

    /// <summary>How many citations there are, without creating the list.</summary>
    internal int AnnotationCount => _annotations?.Count ?? 0;

    private List<Annotation>? _annotations;

    /// <summary>The Markdown text.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Always <c>output_text</c>.</summary>
    public string Type => "output_text";

    /// <summary>A deep copy.</summary>
    public AssistantMessageContent Clone() => new() { Text = Text, _annotations = _annotations is { Count: > 0 } annotations ? [.. annotations] : null };
}

/// <summary>A citation inside assistant text.</summary>
public sealed class Annotation
{
    /// <summary>Always <c>annotation</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "annotation";

    /// <summary>What is cited.</summary>
    public required Source Source { get; init; }

    /// <summary>Character offset in the text where the marker goes; equal indexes group citations.</summary>
    public int? Index { get; init; }
}

/// <summary>A cited source: a URL, a file or an entity.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(UrlSource), "url")]
[JsonDerivedType(typeof(FileSource), "file")]
[JsonDerivedType(typeof(EntitySource), "entity")]
public abstract class Source
{
    private protected Source()
    {
    }

    /// <summary>The title shown for the source.</summary>
    public required string Title { get; init; }

    /// <summary>An optional description.</summary>
    public string? Description { get; init; }

    /// <summary>An optional timestamp, as free text.</summary>
    public string? Timestamp { get; init; }

    /// <summary>An optional group label.</summary>
    public string? Group { get; init; }
}

/// <summary>A web page.</summary>
public sealed class UrlSource : Source
{
    /// <summary>The page URL.</summary>
    public required string Url { get; init; }

    /// <summary>Who published it.</summary>
    public string? Attribution { get; init; }
}

/// <summary>A file.</summary>
public sealed class FileSource : Source
{
    /// <summary>The file name.</summary>
    public required string Filename { get; init; }
}

/// <summary>An application entity (customer, document, …).</summary>
public sealed class EntitySource : Source
{
    /// <summary>The entity id.</summary>
    public required string Id { get; init; }

    /// <summary>The icon shown for it.</summary>
    public IconName? Icon { get; init; }

    /// <summary>Label of the default hover header.</summary>
    public string? Label { get; init; }

    /// <summary>Shown inline instead of the icon.</summary>
    public string? InlineLabel { get; init; }

    /// <summary>Enables the client's <c>entities.onClick</c> and <c>onRequestPreview</c>.</summary>
    public bool Interactive { get; init; }

    /// <summary>Passed to the client's entity callbacks (free-form).</summary>
    public JsonObject Data { get; set; } = [];

    /// <summary>Deprecated and ignored by clients; kept for round-tripping.</summary>
    public string? Preview { get; init; }
}
