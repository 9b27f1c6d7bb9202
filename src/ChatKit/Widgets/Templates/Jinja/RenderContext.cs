namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>Per-render state shared by all nodes: the source (for error positions) and the loop nesting depth.</summary>
internal sealed class RenderContext(SourceText source)
{
    public SourceText Source { get; } = source;

    public int LoopDepth { get; set; }

    public WidgetTemplateRenderException Error(int position, string detail) => Source.RenderError(position, detail);

    /// <summary>Throws if <paramref name="value"/> is undefined; returns it otherwise.</summary>
    public object? Require(object? value)
    {
        if (value is Undefined undefined)
        {
            throw UndefinedError(undefined);
        }

        return value;
    }

    public WidgetTemplateRenderException UndefinedError(Undefined undefined) =>
        Source.RenderError(undefined.Position, undefined.Message);
}
