namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>A compiled expression. <see cref="Position"/> is the source offset used in error messages.</summary>
internal abstract class Expr(int position)
{
    public int Position { get; } = position;

    public abstract object? Eval(RenderContext ctx, Scope scope);

    /// <summary>Evaluates and rejects undefined results (strict undefined).</summary>
    public object? EvalDefined(RenderContext ctx, Scope scope) => ctx.Require(Eval(ctx, scope));

    public bool EvalTruthy(RenderContext ctx, Scope scope)
    {
        var value = Eval(ctx, scope);
        if (value is Undefined undefined)
        {
            return undefined.IsLenient ? false : throw ctx.UndefinedError(undefined);
        }

        return PyOps.IsTruthy(value);
    }

    protected T Guard<T>(RenderContext ctx, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (PyTypeError e)
        {
            throw ctx.Error(Position, e.Message);
        }
    }
}
