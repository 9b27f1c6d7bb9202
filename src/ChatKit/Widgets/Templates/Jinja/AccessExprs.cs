using System.Globalization;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>Attribute access <c>x.name</c>: dict key lookup, or a <c>loop</c> attribute.</summary>
internal sealed class GetAttrExpr(int position, Expr target, string attribute, string sourceText) : Expr(position)
{
    public Expr Target { get; } = target;

    public string Attribute { get; } = attribute;

    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var obj = Target.EvalDefined(ctx, scope);
        switch (obj)
        {
            case Dictionary<string, object?> dict:
                return dict.TryGetValue(Attribute, out var value)
                    ? value
                    : new Undefined($"'{sourceText}' is undefined: dict object has no attribute '{Attribute}'", Position);
            case LoopContext loop when loop.TryGetAttribute(Attribute, out var loopValue):
                return loopValue is Undefined u ? new Undefined($"'{sourceText}' is undefined: {u.Message}", Position) : loopValue;
            default:
                return new Undefined($"'{sourceText}' is undefined: {PyFormat.TypeName(obj)} object has no attribute '{Attribute}'", Position);
        }
    }
}

/// <summary>Item access <c>x[key]</c>: list/string index (negative from the end) or dict key.</summary>
internal sealed class GetItemExpr(int position, Expr target, Expr key, string sourceText) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var obj = Target.EvalDefined(ctx, scope);
        var k = key.EvalDefined(ctx, scope);
        switch (obj)
        {
            case Dictionary<string, object?> dict when k is string s:
                return dict.TryGetValue(s, out var value)
                    ? value
                    : new Undefined($"'{sourceText}' is undefined: dict object has no element {PyFormat.AppendRepr(new(), k)}", Position);
            case List<object?> or string when k is long or bool:
                var index = k is bool b ? (b ? 1 : 0) : (long)k;
                return PyOps.TryIndex(obj, index, out var item)
                    ? item
                    : new Undefined($"'{sourceText}' is undefined: {PyFormat.TypeName(obj)} object has no element {index.ToString(CultureInfo.InvariantCulture)}", Position);
            case LoopContext loop when k is string name && loop.TryGetAttribute(name, out var loopValue):
                return loopValue is Undefined u ? new Undefined($"'{sourceText}' is undefined: {u.Message}", Position) : loopValue;
            default:
                return new Undefined($"'{sourceText}' is undefined: {PyFormat.TypeName(obj)} object has no element {PyFormat.AppendRepr(new(), k)}", Position);
        }
    }

    private Expr Target { get; } = target;
}

/// <summary>Slicing <c>x[start:stop:step]</c> of a string or list.</summary>
internal sealed class SliceExpr(int position, Expr target, Expr? start, Expr? stop, Expr? step) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var obj = target.EvalDefined(ctx, scope);
        var from = start?.EvalDefined(ctx, scope);
        var to = stop?.EvalDefined(ctx, scope);
        var by = step?.EvalDefined(ctx, scope);
        return Guard(ctx, () => PyOps.Slice(obj, from, to, by));
    }
}
