namespace ChatKit.Widgets.Templates;

/// <summary>Options for loading and rendering <c>.widget</c> templates.</summary>
public sealed class WidgetTemplateOptions
{
    /// <summary>Shared default instance (data validation on).</summary>
    public static WidgetTemplateOptions Default { get; } = new();

    /// <summary>
    /// Validate the data against the file's <c>jsonSchema</c> before rendering (default <see langword="true"/>).
    /// The reference implementation does not validate; turn this off to match it exactly.
    /// </summary>
    public bool ValidateData { get; init; } = true;
}
