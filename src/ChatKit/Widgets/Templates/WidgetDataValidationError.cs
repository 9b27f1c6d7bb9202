namespace ChatKit.Widgets.Templates;

/// <summary>One violation of a template's <c>jsonSchema</c> by the data passed to it.</summary>
/// <param name="Path">JSON path of the offending value, e.g. <c>$.items[2].title</c>.</param>
/// <param name="Message">Why it failed, e.g. <c>expected string, got number</c>.</param>
public sealed record WidgetDataValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
