using System.Text;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>Signature of a built-in filter.</summary>
internal delegate object? FilterFunction(object? value, CallArgs args, RenderContext ctx, int position);

/// <summary><c>value | name(args)</c>, with the filter resolved at parse time.</summary>
internal sealed class FilterExpr(int position, Expr target, string name, FilterFunction function, ArgExprs args) : Expr(position)
{
    public string Name { get; } = name;

    public bool HasArguments => !args.IsEmpty;

    public Expr Target { get; } = target;

    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var value = Target.Eval(ctx, scope);
        if (value is Undefined { IsLenient: false } undefined && !Filters.AcceptsUndefined(Name))
        {
            throw ctx.UndefinedError(undefined);
        }

        var evaluated = args.Eval(ctx, scope);
        try
        {
            return function(value, evaluated, ctx, Position);
        }
        catch (PyTypeError e)
        {
            throw ctx.Error(Position, $"filter '{Name}': {e.Message}");
        }
    }

    /// <summary>Fast path for <c>{{ x | tojson }}</c>: serializes straight into the output.</summary>
    public void WriteJson(RenderContext ctx, Scope scope, StringBuilder output)
    {
        var value = Target.EvalDefined(ctx, scope);
        PyJson.Write(output, value, null, ctx, Position);
    }
}

/// <summary>Signature of a built-in test.</summary>
internal delegate bool TestFunction(object? value, CallArgs args);

/// <summary><c>value is [not] name(args)</c>, with the test resolved at parse time.</summary>
internal sealed class TestExpr(int position, Expr target, string name, TestFunction function, ArgExprs args, bool negated) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var value = target.Eval(ctx, scope);
        if (value is Undefined { IsLenient: false } undefined && name is not ("defined" or "undefined" or "none"))
        {
            throw ctx.UndefinedError(undefined);
        }

        var evaluated = args.Eval(ctx, scope);
        try
        {
            return function(value, evaluated) != negated;
        }
        catch (PyTypeError e)
        {
            throw ctx.Error(Position, $"test '{name}': {e.Message}");
        }
    }
}

/// <summary>A call: <c>obj.method(args)</c> for a few built-in methods, <c>loop.cycle(...)</c> or <c>range(...)</c>.</summary>
internal sealed class CallExpr(int position, Expr callee, ArgExprs args) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        try
        {
            switch (callee)
            {
                case GetAttrExpr method:
                    var obj = method.Target.EvalDefined(ctx, scope);
                    return Methods.Call(obj, method.Attribute, args.Eval(ctx, scope));
                case NameExpr { Name: "range" } when !scope.TryGet("range", out _):
                    return Methods.Range(args.Eval(ctx, scope));
                default:
                    var target = callee.EvalDefined(ctx, scope);
                    throw new PyTypeError($"'{PyFormat.TypeName(target)}' object is not callable");
            }
        }
        catch (PyTypeError e)
        {
            throw ctx.Error(Position, e.Message);
        }
    }
}
