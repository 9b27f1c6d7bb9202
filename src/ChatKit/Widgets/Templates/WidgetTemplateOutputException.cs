namespace ChatKit.Widgets.Templates;

/// <summary>
/// The template rendered, but its output is not a valid widget: not JSON, not an object,
/// or a root whose <c>type</c> is not <c>Card</c>, <c>ListView</c> or <c>Basic</c>.
/// </summary>
public sealed class WidgetTemplateOutputException : WidgetTemplateException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="renderedOutput">The text the template produced.</param>
    /// <param name="innerException">The JSON parser error, if any.</param>
    public WidgetTemplateOutputException(string message, string renderedOutput, Exception? innerException = null)
        : base(message, innerException)
    {
        RenderedOutput = renderedOutput;
    }

    /// <summary>The text the template produced.</summary>
    public string RenderedOutput { get; }
}
