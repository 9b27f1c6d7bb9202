namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>The built-in tests for <c>x is name</c> (a subset of Jinja's).</summary>
internal static class Tests
{
    private static readonly Dictionary<string, TestFunction> Registry = new(StringComparer.Ordinal)
    {
        ["defined"] = (v, _) => v is not Undefined,
        ["undefined"] = (v, _) => v is Undefined,
        ["none"] = (v, _) => v is null,
        ["boolean"] = (v, _) => v is bool,
        ["true"] = (v, _) => v is true,
        ["false"] = (v, _) => v is false,
        ["integer"] = (v, _) => v is long,
        ["float"] = (v, _) => v is double,
        ["number"] = (v, _) => PyOps.IsNumber(v),
        ["string"] = (v, _) => v is string,
        ["mapping"] = (v, _) => v is Dictionary<string, object?>,
        ["sequence"] = (v, _) => v is string or List<object?> or Dictionary<string, object?>,
        ["iterable"] = (v, _) => v is string or List<object?> or Dictionary<string, object?>,
        ["callable"] = (_, _) => false,
        ["even"] = (v, _) => Integer(v) % 2 == 0,
        ["odd"] = (v, _) => Integer(v) % 2 != 0,
        ["divisibleby"] = (v, a) => Integer(a.Get(0, "num")) is var n && n != 0 ? Integer(v) % n == 0 : throw new PyTypeError("integer division or modulo by zero"),
        ["eq"] = (v, a) => PyOps.Equals(v, a.Get(0, "other")),
        ["equalto"] = (v, a) => PyOps.Equals(v, a.Get(0, "other")),
        ["=="] = (v, a) => PyOps.Equals(v, a.Get(0, "other")),
        ["ne"] = (v, a) => !PyOps.Equals(v, a.Get(0, "other")),
        ["!="] = (v, a) => !PyOps.Equals(v, a.Get(0, "other")),
        ["lt"] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), "<") < 0,
        ["lessthan"] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), "<") < 0,
        ["<"] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), "<") < 0,
        ["le"] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), "<=") <= 0,
        ["<="] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), "<=") <= 0,
        ["gt"] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), ">") > 0,
        ["greaterthan"] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), ">") > 0,
        [">"] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), ">") > 0,
        ["ge"] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), ">=") >= 0,
        [">="] = (v, a) => PyOps.Compare(v, a.Get(0, "other"), ">=") >= 0,
        ["in"] = (v, a) => PyOps.Contains(a.Get(0, "seq"), v),
        ["sameas"] = (v, a) => v is null or bool ? Equals(v, a.Get(0, "other")) : ReferenceEquals(v, a.Get(0, "other")),
        ["lower"] = (v, _) => v is string s && s == s.ToLowerInvariant(),
        ["upper"] = (v, _) => v is string s && s == s.ToUpperInvariant(),
    };

    public static IEnumerable<string> Names => Registry.Keys;

    public static bool TryGet(string name, out TestFunction function) => Registry.TryGetValue(name, out function!);

    private static long Integer(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d when d == Math.Floor(d) => (long)d,
        _ => throw new PyTypeError($"expected an integer, got {PyFormat.TypeName(value)}"),
    };
}
