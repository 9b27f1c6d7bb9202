namespace ChatKit.Widgets.Templates;

/// <summary>
/// Evaluating the template failed: an undefined variable or attribute (strict undefined semantics),
/// a type error, a division by zero...
/// </summary>
public sealed class WidgetTemplateRenderException : WidgetTemplateException
{
    /// <summary>Creates the exception for a position in the template.</summary>
    public WidgetTemplateRenderException(string detail, string? templateName, int line, int column, string? excerpt = null)
        : base(detail, templateName, line, column, excerpt)
    {
    }
}
