namespace ChatKit.Widgets.Templates;

/// <summary>Options for loading and rendering <c>.widget</c> templates.</summary>
public sealed class WidgetTemplateOptions
{
    /// <summary>Shared default instance (no data validation, as the reference).</summary>
    public static WidgetTemplateOptions Default { get; } = new();

    /// <summary>
    /// Validate the data against the file's <c>jsonSchema</c> before rendering (default <see langword="false"/>, as
    /// the reference, which never validates). Turn it on to get a <see cref="WidgetDataValidationException"/> listing
    /// every mismatch instead of a render error or a silently wrong widget.
    /// </summary>
    public bool ValidateData { get; init; }
}
