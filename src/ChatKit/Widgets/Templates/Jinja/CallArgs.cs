namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>Evaluated arguments of a filter, test or method call: positional values plus keyword values.</summary>
internal readonly struct CallArgs(object?[] positional, KeyValuePair<string, object?>[] named)
{
    public static readonly object?[] NoPositional = [];
    public static readonly KeyValuePair<string, object?>[] NoNamed = [];

    public int Count => positional.Length;

    public IReadOnlyList<object?> Positional => positional;

    /// <summary>The argument at <paramref name="index"/>, or the keyword argument <paramref name="name"/>, or the default.</summary>
    public object? Get(int index, string name, object? defaultValue = null)
    {
        if (index >= 0 && index < positional.Length)
        {
            return positional[index];
        }

        foreach (var (key, value) in named)
        {
            if (key == name)
            {
                return value;
            }
        }

        return defaultValue;
    }

    /// <summary>The keyword argument <paramref name="name"/>, or <paramref name="defaultValue"/> when not passed.</summary>
    public object? GetNamed(string name, object? defaultValue = null) => Get(-1, name, defaultValue);

    /// <summary>Rejects more positional arguments than <paramref name="max"/> or keywords not in <paramref name="allowed"/>.</summary>
    public void Check(string what, int max, params string[] allowed)
    {
        if (positional.Length > max)
        {
            throw new PyTypeError($"{what} takes at most {max} argument(s) ({positional.Length} given)");
        }

        foreach (var (key, _) in named)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw new PyTypeError($"{what} got an unexpected keyword argument '{key}'");
            }
        }
    }
}

/// <summary>Unevaluated call arguments as parsed: positional expressions and <c>name=expr</c> pairs.</summary>
internal sealed class ArgExprs(Expr[] positional, (string Name, Expr Value)[] named)
{
    public static readonly ArgExprs Empty = new([], []);

    public bool IsEmpty => positional.Length == 0 && named.Length == 0;

    public CallArgs Eval(RenderContext ctx, Scope scope)
    {
        if (IsEmpty)
        {
            return new CallArgs(CallArgs.NoPositional, CallArgs.NoNamed);
        }

        var values = new object?[positional.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = positional[i].EvalDefined(ctx, scope);
        }

        var kw = named.Length == 0 ? CallArgs.NoNamed : new KeyValuePair<string, object?>[named.Length];
        for (var i = 0; i < named.Length; i++)
        {
            kw[i] = new(named[i].Name, named[i].Value.EvalDefined(ctx, scope));
        }

        return new CallArgs(values, kw);
    }
}
