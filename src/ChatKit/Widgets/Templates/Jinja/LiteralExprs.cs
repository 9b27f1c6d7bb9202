namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>A constant: string, number, boolean or none literal.</summary>
internal sealed class ConstExpr(int position, object? value) : Expr(position)
{
    public object? Value { get; } = value;

    public override object? Eval(RenderContext ctx, Scope scope) => Value;
}

/// <summary>A list literal <c>[a, b]</c>, or a tuple <c>(a, b)</c> when <paramref name="isTuple"/>.</summary>
internal sealed class ListExpr(int position, Expr[] items, bool isTuple = false) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var list = isTuple ? new PyTuple() : new List<object?>(items.Length);
        foreach (var item in items)
        {
            list.Add(item.EvalDefined(ctx, scope));
        }

        return list;
    }
}

/// <summary>A dict literal <c>{'k': v}</c>; keys must evaluate to strings.</summary>
internal sealed class DictExpr(int position, (Expr Key, Expr Value)[] pairs) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var dict = new Dictionary<string, object?>(pairs.Length, StringComparer.Ordinal);
        foreach (var (keyExpr, valueExpr) in pairs)
        {
            var key = keyExpr.EvalDefined(ctx, scope) as string
                ?? throw ctx.Error(keyExpr.Position, "Only string keys are supported in dict literals.");
            dict[key] = valueExpr.EvalDefined(ctx, scope);
        }

        return dict;
    }
}
