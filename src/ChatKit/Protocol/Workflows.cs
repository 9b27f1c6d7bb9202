using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatKit;

/// <summary>Kind of workflow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowType>))]
public enum WorkflowType
{
    /// <summary>Tool use and other custom steps.</summary>
    [JsonStringEnumMemberName("custom")] Custom,

    /// <summary>Model reasoning (thought tasks).</summary>
    [JsonStringEnumMemberName("reasoning")] Reasoning,
}

/// <summary>Tasks shown together, with an optional summary.</summary>
public sealed class Workflow
{
    /// <summary>Custom or reasoning.</summary>
    public required WorkflowType Type { get; init; }

    /// <summary>The tasks, in order.</summary>
    public List<WorkflowTask> Tasks { get; set; } = [];

    /// <summary>A title or a duration shown when collapsed.</summary>
    public WorkflowSummary? Summary { get; set; }

    /// <summary>Whether the client shows it expanded.</summary>
    public bool Expanded { get; set; }
}

/// <summary>A workflow summary: <see cref="CustomSummary"/> or <see cref="DurationSummary"/> (told apart by their keys).</summary>
[JsonConverter(typeof(WorkflowSummaryJsonConverter))]
public abstract class WorkflowSummary
{
    private protected WorkflowSummary()
    {
    }
}

/// <summary>A title (and icon) summary.</summary>
public sealed class CustomSummary : WorkflowSummary
{
    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>An icon.</summary>
    public IconName? Icon { get; init; }
}

/// <summary>"Thought for N seconds".</summary>
public sealed class DurationSummary : WorkflowSummary
{
    /// <summary>Seconds.</summary>
    public required int Duration { get; init; }
}

/// <summary>Progress marker of a task inside a workflow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskStatusIndicator>))]
public enum TaskStatusIndicator
{
    /// <summary>No indicator.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>In progress.</summary>
    [JsonStringEnumMemberName("loading")] Loading,

    /// <summary>Done.</summary>
    [JsonStringEnumMemberName("complete")] Complete,
}

/// <summary>A step shown in a workflow or as a task item.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CustomTask), "custom")]
[JsonDerivedType(typeof(WebSearchTask), "web_search")]
[JsonDerivedType(typeof(ThoughtTask), "thought")]
[JsonDerivedType(typeof(FileTask), "file")]
[JsonDerivedType(typeof(ImageTask), "image")]
public abstract class WorkflowTask
{
    private protected WorkflowTask()
    {
    }

    /// <summary>Progress marker; always written.</summary>
    [JsonPropertyOrder(-1)]
    public TaskStatusIndicator StatusIndicator { get; set; }

    /// <summary>The task title.</summary>
    public string? Title { get; set; }
}

/// <summary>An application-defined step.</summary>
public sealed class CustomTask : WorkflowTask
{
    /// <summary>An icon.</summary>
    public IconName? Icon { get; set; }

    /// <summary>Details (Markdown).</summary>
    public string? Content { get; set; }
}

/// <summary>A web search with its queries and sources.</summary>
public sealed class WebSearchTask : WorkflowTask
{
    /// <summary>The query shown in the title.</summary>
    public string? TitleQuery { get; set; }

    /// <summary>Queries run.</summary>
    public List<string> Queries { get; set; } = [];

    /// <summary>Pages found.</summary>
    public List<UrlSource> Sources { get; set; } = [];
}

/// <summary>A reasoning step.</summary>
public sealed class ThoughtTask : WorkflowTask
{
    /// <summary>The thought (Markdown).</summary>
    public required string Content { get; set; }
}

/// <summary>Files read.</summary>
public sealed class FileTask : WorkflowTask
{
    /// <summary>The files.</summary>
    public List<FileSource> Sources { get; set; } = [];
}

/// <summary>An image step.</summary>
public sealed class ImageTask : WorkflowTask;

/// <summary>Reads a summary by its keys (<c>duration</c> means a <see cref="DurationSummary"/>).</summary>
public sealed class WorkflowSummaryJsonConverter : JsonConverter<WorkflowSummary>
{
    /// <inheritdoc />
    public override WorkflowSummary? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A workflow summary must be an object.");
        }

        string? title = null;
        IconName? icon = null;
        int? duration = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "title":
                    title = reader.GetString();
                    break;
                case "icon" when reader.TokenType != JsonTokenType.Null:
                    icon = new IconNameJsonConverter().Read(ref reader, typeof(IconName), options);
                    break;
                case "duration" when reader.TokenType != JsonTokenType.Null:
                    duration = reader.TokenType == JsonTokenType.String ? int.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : reader.GetInt32();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (duration is { } seconds)
        {
            return new DurationSummary { Duration = seconds };
        }

        return title is not null
            ? new CustomSummary { Title = title, Icon = icon }
            : throw new JsonException("A workflow summary needs either 'title' or 'duration'.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WorkflowSummary value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case DurationSummary d:
                writer.WriteNumber("duration", d.Duration);
                break;
            case CustomSummary c:
                writer.WriteString("title", c.Title);
                if (c.Icon is { } icon)
                {
                    writer.WriteString("icon", icon.Value);
                }

                break;
        }

        writer.WriteEndObject();
    }
}
