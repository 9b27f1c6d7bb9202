namespace ChatKit.Widgets.Templates;

/// <summary>
/// The Jinja template of a <c>.widget</c> file is malformed (unclosed tag, unknown filter, bad expression...).
/// Raised when the template is parsed, never during rendering.
/// </summary>
public sealed class WidgetTemplateSyntaxException : WidgetTemplateException
{
    /// <summary>Creates the exception for a position in the template.</summary>
    public WidgetTemplateSyntaxException(string detail, string? templateName, int line, int column, string? excerpt = null)
        : base(detail, templateName, line, column, excerpt)
    {
    }
}
