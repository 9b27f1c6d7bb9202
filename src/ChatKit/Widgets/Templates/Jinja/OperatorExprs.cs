using System.Text;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>Arithmetic binary operators: <c>+ - * / // % **</c>.</summary>
internal sealed class BinaryExpr(int position, string op, Expr left, Expr right) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var a = left.EvalDefined(ctx, scope);
        var b = right.EvalDefined(ctx, scope);
        try
        {
            return op == "+" ? PyOps.Add(a, b) : PyOps.Arithmetic(op, a, b);
        }
        catch (PyTypeError e)
        {
            throw ctx.Error(Position, e.Message);
        }
    }
}

/// <summary>String concatenation <c>a ~ b ~ c</c>: every operand converted with Python <c>str()</c>.</summary>
internal sealed class ConcatExpr(int position, Expr[] operands) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var sb = new StringBuilder();
        foreach (var operand in operands)
        {
            PyFormat.AppendStr(sb, operand.EvalDefined(ctx, scope));
        }

        return sb.ToString();
    }
}

/// <summary>Unary <c>-x</c>, <c>+x</c> and <c>not x</c>.</summary>
internal sealed class UnaryExpr(int position, string op, Expr operand) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        if (op == "not")
        {
            return !operand.EvalTruthy(ctx, scope);
        }

        var value = operand.EvalDefined(ctx, scope);
        try
        {
            return op == "-" ? PyOps.Negate(value) : PyOps.IsNumber(value) ? (value is bool b ? (b ? 1L : 0L) : value) : throw new PyTypeError($"bad operand type for unary +: '{PyFormat.TypeName(value)}'");
        }
        catch (PyTypeError e)
        {
            throw ctx.Error(Position, e.Message);
        }
    }
}

/// <summary><c>a and b</c> / <c>a or b</c> with Python short-circuit semantics (the result is an operand, not a bool).</summary>
internal sealed class LogicalExpr(int position, bool isAnd, Expr left, Expr right) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var a = left.EvalDefined(ctx, scope);
        var truthy = PyOps.IsTruthy(a);
        if (isAnd ? !truthy : truthy)
        {
            return a;
        }

        return right.Eval(ctx, scope);
    }
}

/// <summary>A (possibly chained) comparison: <c>a &lt; b &lt;= c</c>, <c>==</c>, <c>!=</c>, <c>in</c>, <c>not in</c>.</summary>
internal sealed class CompareExpr(int position, Expr first, (string Op, Expr Operand, int Position)[] rest) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        var left = first.EvalDefined(ctx, scope);
        foreach (var (op, operandExpr, pos) in rest)
        {
            var right = operandExpr.EvalDefined(ctx, scope);
            bool result;
            try
            {
                result = op switch
                {
                    "==" => PyOps.Equals(left, right),
                    "!=" => !PyOps.Equals(left, right),
                    "<" => PyOps.Compare(left, right, op) < 0,
                    "<=" => PyOps.Compare(left, right, op) <= 0,
                    ">" => PyOps.Compare(left, right, op) > 0,
                    ">=" => PyOps.Compare(left, right, op) >= 0,
                    "in" => PyOps.Contains(right, left),
                    "not in" => !PyOps.Contains(right, left),
                    _ => throw new PyTypeError($"unknown operator {op}"),
                };
            }
            catch (PyTypeError e)
            {
                throw ctx.Error(pos, e.Message);
            }

            if (!result)
            {
                return false;
            }

            left = right;
        }

        return true;
    }
}

/// <summary><c>a if cond else b</c>; without <c>else</c> a false condition gives a lenient undefined (prints nothing).</summary>
internal sealed class ConditionalExpr(int position, Expr condition, Expr whenTrue, Expr? whenFalse) : Expr(position)
{
    public override object? Eval(RenderContext ctx, Scope scope)
    {
        if (condition.EvalTruthy(ctx, scope))
        {
            return whenTrue.Eval(ctx, scope);
        }

        return whenFalse is null
            ? new Undefined("the conditional expression evaluated to false and has no else section", Position, isLenient: true)
            : whenFalse.Eval(ctx, scope);
    }
}
