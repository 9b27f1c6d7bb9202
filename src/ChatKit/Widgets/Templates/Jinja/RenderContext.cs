namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>Per-render state shared by all nodes: the source, used to position error messages.</summary>
internal sealed class RenderContext(SourceText source)
{
    public SourceText Source { get; } = source;

    public WidgetTemplateRenderException Error(int position, string detail) => Source.RenderError(position, detail);

    /// <summary>
    /// Throws if <paramref name="value"/> is a strict undefined; returns it otherwise. Lenient undefineds (see
    /// <see cref="Undefined.IsLenient"/>) pass: they print as nothing, are falsy and iterate as empty, as in Jinja.
    /// </summary>
    public object? Require(object? value)
    {
        if (value is Undefined { IsLenient: false } undefined)
        {
            throw UndefinedError(undefined);
        }

        return value;
    }

    public WidgetTemplateRenderException UndefinedError(Undefined undefined) =>
        Source.RenderError(undefined.Position, undefined.Message);
}
