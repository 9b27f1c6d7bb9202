namespace ChatKit.Widgets.Templates;

/// <summary>
/// Base type of every error raised while loading, validating data for, or rendering a <c>.widget</c> template.
/// </summary>
/// <remarks>
/// When the problem has a position inside the Jinja template, <see cref="Line"/> and <see cref="Column"/> are set
/// (1-based) and the message starts with <c>template name, line L, column C:</c>.
/// </remarks>
public class WidgetTemplateException : Exception
{
    /// <summary>Creates an exception without a template position.</summary>
    public WidgetTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception without a template position, wrapping another exception.</summary>
    public WidgetTemplateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that points at a position in a template.</summary>
    /// <param name="detail">What went wrong.</param>
    /// <param name="templateName">Display name of the template (file name or the file's <c>name</c> field).</param>
    /// <param name="line">1-based line in the template source.</param>
    /// <param name="column">1-based column in the template source.</param>
    /// <param name="excerpt">Optional excerpt of the source around the position (appended to the message).</param>
    public WidgetTemplateException(string detail, string? templateName, int line, int column, string? excerpt = null)
        : base(FormatMessage(detail, templateName, line, column, excerpt))
    {
        Detail = detail;
        TemplateName = templateName;
        Line = line;
        Column = column;
    }

    /// <summary>The problem description without position prefix (or the whole message when no position is known).</summary>
    public string? Detail { get; }

    /// <summary>Display name of the template the error belongs to, if known.</summary>
    public string? TemplateName { get; }

    /// <summary>1-based line in the template source, if the error has a position.</summary>
    public int? Line { get; }

    /// <summary>1-based column in the template source, if the error has a position.</summary>
    public int? Column { get; }

    private static string FormatMessage(string detail, string? templateName, int line, int column, string? excerpt)
    {
        var prefix = $"{templateName ?? "<template>"}, line {line}, column {column}: {detail}";
        return excerpt is null ? prefix : prefix + Environment.NewLine + excerpt;
    }
}
