namespace ChatKit.Widgets.Templates;

/// <summary>The data passed to <see cref="WidgetTemplate.Render(System.Text.Json.Nodes.JsonNode?)"/> does not match the template's <c>jsonSchema</c>.</summary>
public sealed class WidgetDataValidationException : WidgetTemplateException
{
    /// <summary>Creates the exception from the list of violations (at least one).</summary>
    public WidgetDataValidationException(string? templateName, IReadOnlyList<WidgetDataValidationError> errors)
        : base(FormatMessage(templateName, errors))
    {
        Errors = errors;
    }

    /// <summary>Every violation found, in document order.</summary>
    public IReadOnlyList<WidgetDataValidationError> Errors { get; }

    private static string FormatMessage(string? templateName, IReadOnlyList<WidgetDataValidationError> errors)
    {
        var head = $"Data for widget template '{templateName ?? "<template>"}' does not match its jsonSchema: ";
        return errors.Count == 1
            ? head + errors[0]
            : head + errors.Count + " errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
