using System.Text;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>A compiled template statement.</summary>
internal abstract class Node
{
    public abstract void Render(RenderContext ctx, Scope scope, StringBuilder output);

    public static void RenderAll(Node[] nodes, RenderContext ctx, Scope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            node.Render(ctx, scope, output);
        }
    }
}

/// <summary>Literal template text.</summary>
internal sealed class TextNode(string text) : Node
{
    public string Text { get; } = text;

    public override void Render(RenderContext ctx, Scope scope, StringBuilder output) => output.Append(Text);
}

/// <summary><c>{{ expr }}</c>: writes Python <c>str()</c> of the value (autoescape off).</summary>
internal sealed class OutputNode(Expr expression) : Node
{
    private readonly FilterExpr? _toJson = expression is FilterExpr { Name: "tojson", HasArguments: false } f ? f : null;

    public override void Render(RenderContext ctx, Scope scope, StringBuilder output)
    {
        if (_toJson is not null)
        {
            _toJson.WriteJson(ctx, scope, output);
            return;
        }

        var value = expression.Eval(ctx, scope);
        if (value is Undefined undefined)
        {
            if (undefined.IsLenient)
            {
                return;
            }

            throw ctx.UndefinedError(undefined);
        }

        PyFormat.AppendStr(output, value);
    }
}

/// <summary><c>{% if %}...{% elif %}...{% else %}...{% endif %}</c>.</summary>
internal sealed class IfNode((Expr Condition, Node[] Body)[] branches, Node[]? elseBody) : Node
{
    public override void Render(RenderContext ctx, Scope scope, StringBuilder output)
    {
        foreach (var (condition, body) in branches)
        {
            if (condition.EvalTruthy(ctx, scope))
            {
                RenderAll(body, ctx, scope, output);
                return;
            }
        }

        if (elseBody is not null)
        {
            RenderAll(elseBody, ctx, scope, output);
        }
    }
}

/// <summary>
/// <c>{% for a[, b] in xs [if cond] %}...{% else %}...{% endfor %}</c> with the <c>loop</c> variable.
/// Each iteration runs in a fresh frame on top of the enclosing one.
/// </summary>
internal sealed class ForNode(int position, string[] targets, Expr iterable, Expr? filter, Node[] body, Node[]? elseBody) : Node
{
    private static readonly string LoopName = string.Intern("loop");
    private readonly string[] _targets = [.. targets.Select(string.Intern)];

    public override void Render(RenderContext ctx, Scope scope, StringBuilder output)
    {
        var source = iterable.EvalDefined(ctx, scope);
        IReadOnlyList<object?> items;
        try
        {
            items = PyOps.Iterate(source);
        }
        catch (PyTypeError e)
        {
            throw ctx.Error(iterable.Position, e.Message);
        }

        var frame = new Scope(scope);
        if (filter is not null)
        {
            var kept = new List<object?>();
            foreach (var item in items)
            {
                frame.Clear();
                Bind(ctx, frame, item);
                if (filter.EvalTruthy(ctx, frame))
                {
                    kept.Add(item);
                }
            }

            items = kept;
        }

        if (items.Count == 0)
        {
            if (elseBody is not null)
            {
                RenderAll(elseBody, ctx, scope, output);
            }

            return;
        }

        var loop = new LoopContext(items);
        for (var i = 0; i < items.Count; i++)
        {
            loop.Index0 = i;
            frame.Clear();
            frame.Set(LoopName, loop);
            Bind(ctx, frame, items[i]);
            RenderAll(body, ctx, frame, output);
        }
    }

    private void Bind(RenderContext ctx, Scope frame, object? item)
    {
        if (_targets.Length == 1)
        {
            frame.Set(_targets[0], item);
            return;
        }

        if (item is not List<object?> parts || parts.Count != _targets.Length)
        {
            var got = item is List<object?> l ? $"{l.Count} values" : $"a {PyFormat.TypeName(item)}";
            throw ctx.Error(position, $"cannot unpack {got} into {_targets.Length} loop variables ({string.Join(", ", _targets)})");
        }

        for (var i = 0; i < _targets.Length; i++)
        {
            frame.Set(_targets[i], parts[i]);
        }
    }
}

/// <summary><c>{% set name = expr %}</c>.</summary>
internal sealed class SetNode(string name, Expr value) : Node
{
    private readonly string _name = string.Intern(name);

    public override void Render(RenderContext ctx, Scope scope, StringBuilder output) =>
        scope.Set(_name, value.Eval(ctx, scope));
}

/// <summary>
/// <c>{% set name [| filters] %}...{% endset %}</c>: captures the rendered body as a string. The filter chain is
/// compiled at parse time over <see cref="CaptureVariable"/>, which holds the captured text while it is evaluated.
/// </summary>
internal sealed class BlockSetNode(string name, Node[] body, Expr? filtered) : Node
{
    public static readonly string CaptureVariable = string.Intern(" captured block");

    private readonly string _name = string.Intern(name);

    public override void Render(RenderContext ctx, Scope scope, StringBuilder output)
    {
        var capture = new StringBuilder();
        RenderAll(body, ctx, scope, capture);
        object? value = capture.ToString();
        if (filtered is not null)
        {
            scope.Set(CaptureVariable, value);
            value = filtered.Eval(ctx, scope);
        }

        scope.Set(_name, value);
    }
}
