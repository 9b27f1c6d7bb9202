using System.Globalization;
using System.Text;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>The built-in filters (a subset of Jinja's, with Jinja's argument names and semantics).</summary>
internal static class Filters
{
    private static readonly Dictionary<string, FilterFunction> Registry = new(StringComparer.Ordinal)
    {
        ["tojson"] = ToJson,
        ["default"] = Default,
        ["d"] = Default,
        ["length"] = (v, a, _, _) => PyOps.Length(v),
        ["count"] = (v, a, _, _) => PyOps.Length(v),
        ["lower"] = (v, a, _, _) => PyFormat.ToStr(v).ToLowerInvariant(),
        ["upper"] = (v, a, _, _) => PyFormat.ToStr(v).ToUpperInvariant(),
        ["title"] = (v, a, _, _) => Title(PyFormat.ToStr(v)),
        ["capitalize"] = (v, a, _, _) => Capitalize(PyFormat.ToStr(v)),
        ["trim"] = Trim,
        ["join"] = Join,
        ["replace"] = Replace,
        ["round"] = Round,
        ["int"] = ToInt,
        ["float"] = ToFloat,
        ["string"] = (v, a, _, _) => PyFormat.ToStr(v),
        ["first"] = (v, a, _, p) => PyOps.Iterate(v) is { Count: > 0 } items ? items[0] : new Undefined("No first item, sequence was empty.", p),
        ["last"] = (v, a, _, p) => PyOps.Iterate(v) is { Count: > 0 } items ? items[^1] : new Undefined("No last item, sequence was empty.", p),
        ["abs"] = Abs,
        ["e"] = (v, a, _, _) => Escape(PyFormat.ToStr(v)),
        ["escape"] = (v, a, _, _) => Escape(PyFormat.ToStr(v)),
        ["safe"] = (v, a, _, _) => v,
        ["list"] = (v, a, _, _) => new List<object?>(PyOps.Iterate(v)),
        ["reverse"] = Reverse,
        ["sort"] = Sort,
        ["sum"] = Sum,
        ["min"] = (v, a, _, p) => MinMax(v, a, p, wantMax: false),
        ["max"] = (v, a, _, p) => MinMax(v, a, p, wantMax: true),
        ["map"] = Map,
        ["select"] = (v, a, _, _) => Select(v, a, attribute: false, keep: true),
        ["reject"] = (v, a, _, _) => Select(v, a, attribute: false, keep: false),
        ["selectattr"] = (v, a, _, _) => Select(v, a, attribute: true, keep: true),
        ["rejectattr"] = (v, a, _, _) => Select(v, a, attribute: true, keep: false),
        ["items"] = (v, a, _, _) => Methods.Call(v, "items", a),
    };

    public static IEnumerable<string> Names => Registry.Keys;

    public static bool TryGet(string name, out FilterFunction function) => Registry.TryGetValue(name, out function!);

    public static bool AcceptsUndefined(string name) => name is "default" or "d";

    private static object? ToJson(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("tojson", 1, "indent");
        var indent = args.Get(0, "indent") switch
        {
            null => (int?)null,
            long l => (int)l,
            var other => throw new PyTypeError($"indent must be an integer, got {PyFormat.TypeName(other)}"),
        };
        var sb = new StringBuilder();
        PyJson.Write(sb, value, indent, ctx, position);
        return sb.ToString();
    }

    private static object? Default(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("default", 2, "default_value", "boolean");
        var fallback = args.Get(0, "default_value", string.Empty);
        var boolean = PyOps.IsTruthy(args.Get(1, "boolean", false));
        if (value is Undefined || (boolean && !PyOps.IsTruthy(value)))
        {
            return fallback;
        }

        return value;
    }

    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var atWordStart = true;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '(' or '{' or '[' or '<')
            {
                sb.Append(c);
                atWordStart = true;
            }
            else
            {
                sb.Append(atWordStart ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                atWordStart = false;
            }
        }

        return sb.ToString();
    }

    private static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    private static object? Trim(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("trim", 1, "chars");
        var s = PyFormat.ToStr(value);
        return args.Get(0, "chars") is string chars ? s.Trim(chars.ToCharArray()) : s.Trim();
    }

    private static object? Join(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("join", 2, "d", "attribute");
        var separator = PyFormat.ToStr(args.Get(0, "d", string.Empty));
        var attribute = args.Get(1, "attribute");
        var sb = new StringBuilder();
        var first = true;
        foreach (var item in PyOps.Iterate(value))
        {
            if (!first)
            {
                sb.Append(separator);
            }

            first = false;
            PyFormat.AppendStr(sb, attribute is null ? item : GetAttribute(item, attribute, ctx, position));
        }

        return sb.ToString();
    }

    private static object? Replace(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("replace", 3, "old", "new", "count");
        return Methods.Call(PyFormat.ToStr(value), "replace", args);
    }

    private static object? Round(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("round", 2, "precision", "method");
        var precision = args.Get(0, "precision", 0L) is long p ? (int)p : throw new PyTypeError("precision must be an integer");
        var method = args.Get(1, "method", "common") as string;
        if (method is not ("common" or "ceil" or "floor"))
        {
            throw new PyTypeError("method must be common, ceil or floor");
        }

        if (value is long or bool && method == "common")
        {
            return value is bool b ? (b ? 1L : 0L) : value;
        }

        var d = PyOps.ToDouble(value);
        if (method != "common")
        {
            var scale = Math.Pow(10, precision);
            return (method == "ceil" ? Math.Ceiling(d * scale) : Math.Floor(d * scale)) / scale;
        }

        return PyRound(d, precision);
    }

    /// <summary>Python's <c>round(x, n)</c>: correctly rounded on the exact binary value, ties to even.</summary>
    internal static double PyRound(double d, int precision)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            return d;
        }

        if (precision < 0)
        {
            var scale = Math.Pow(10, -precision);
            return Math.Round(d / scale, MidpointRounding.ToEven) * scale;
        }

        // Exact decimal expansion (.NET formats doubles exactly), then decide rounding by the digits themselves.
        var exact = Math.Abs(d).ToString("F" + (precision + 40).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var dot = exact.IndexOf('.', StringComparison.Ordinal);
        var kept = exact[..(dot + 1 + precision)].TrimEnd('.');
        var rest = exact[(dot + 1 + precision)..];
        var roundUp = rest[0] > '5' || (rest[0] == '5' && (rest.AsSpan(1).ContainsAnyExcept('0') || IsOddLastDigit(kept)));
        var result = decimal.Parse(kept, CultureInfo.InvariantCulture);
        if (roundUp)
        {
            result += precision == 0 ? 1m : (decimal)Math.Pow(10, -precision);
        }

        var rounded = double.Parse(result.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return d < 0 ? -rounded : rounded;
    }

    private static bool IsOddLastDigit(string digits)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (char.IsAsciiDigit(digits[i]))
            {
                return (digits[i] - '0') % 2 == 1;
            }
        }

        return false;
    }

    private static object? ToInt(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("int", 2, "default", "base");
        var fallback = args.Get(0, "default", 0L);
        var numberBase = args.Get(1, "base", 10L) is long nb ? (int)nb : 10;
        switch (value)
        {
            case long:
                return value;
            case bool b:
                return b ? 1L : 0L;
            case double d:
                return double.IsFinite(d) ? (long)Math.Truncate(d) : fallback;
            case string s:
                var text = s.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
                try
                {
                    if (numberBase != 10)
                    {
                        return Convert.ToInt64(text, numberBase);
                    }
                }
                catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
                {
                    return fallback;
                }

                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }

                return TryParseFloat(text, out var f) && double.IsFinite(f) ? (long)Math.Truncate(f) : fallback;
            default:
                return fallback;
        }
    }

    private static object? ToFloat(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("float", 1, "default");
        var fallback = args.Get(0, "default", 0.0);
        return value switch
        {
            long l => (double)l,
            double => value,
            bool b => b ? 1.0 : 0.0,
            string s when TryParseFloat(s.Trim(), out var f) => f,
            _ => fallback,
        };
    }

    private static bool TryParseFloat(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case "nan" or "+nan" or "-nan":
                value = double.NaN;
                return true;
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
        }

        return double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static object? Abs(object? value, CallArgs args, RenderContext ctx, int position) => value switch
    {
        long l => l == long.MinValue ? throw new PyTypeError("integer overflow") : (object)Math.Abs(l),
        double d => Math.Abs(d),
        bool b => b ? 1L : 0L,
        _ => throw new PyTypeError($"bad operand type for abs(): '{PyFormat.TypeName(value)}'"),
    };

    internal static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return s;
        }

        return s.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&#34;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);
    }

    private static object? Reverse(object? value, CallArgs args, RenderContext ctx, int position)
    {
        if (value is string s)
        {
            var chars = PyOps.Characters(s);
            chars.Reverse();
            return string.Concat(chars.Cast<string>());
        }

        var list = new List<object?>(PyOps.Iterate(value));
        list.Reverse();
        return list;
    }

    private static object? Sort(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("sort", 3, "reverse", "case_sensitive", "attribute");
        var reverse = PyOps.IsTruthy(args.Get(0, "reverse", false));
        var caseSensitive = PyOps.IsTruthy(args.Get(1, "case_sensitive", false));
        var attribute = args.Get(2, "attribute");
        var keyed = PyOps.Iterate(value)
            .Select(item => (Item: item, Key: SortKey(attribute is null ? item : GetAttribute(item, attribute, ctx, position), caseSensitive)))
            .ToList();
        var sorted = keyed.OrderBy(x => x.Key, Comparer<object?>.Create((a, b) => PyOps.Compare(a, b, "<"))).Select(x => x.Item).ToList();
        if (reverse)
        {
            sorted.Reverse();
        }

        return sorted;
    }

    private static object? SortKey(object? value, bool caseSensitive) =>
        !caseSensitive && value is string s ? s.ToLowerInvariant() : value;

    private static object? Sum(object? value, CallArgs args, RenderContext ctx, int position)
    {
        args.Check("sum", 2, "attribute", "start");
        var attribute = args.Get(0, "attribute");
        object? total = args.Get(1, "start", 0L);
        foreach (var item in PyOps.Iterate(value))
        {
            total = PyOps.Add(total, attribute is null ? item : GetAttribute(item, attribute, ctx, position));
        }

        return total;
    }

    private static object? MinMax(object? value, CallArgs args, int position, bool wantMax)
    {
        args.Check(wantMax ? "max" : "min", 2, "case_sensitive", "attribute");
        var caseSensitive = PyOps.IsTruthy(args.Get(0, "case_sensitive", false));
        var attribute = args.Get(1, "attribute");
        object? best = null;
        object? bestKey = null;
        var found = false;
        foreach (var item in PyOps.Iterate(value))
        {
            var key = SortKey(attribute is null ? item : AttributePath(item, attribute), caseSensitive);
            if (!found || (wantMax ? PyOps.Compare(key, bestKey, ">") > 0 : PyOps.Compare(key, bestKey, "<") < 0))
            {
                (best, bestKey, found) = (item, key, true);
            }
        }

        return found ? best : new Undefined($"No aggregated item, sequence was empty.", position);
    }

    private static object? Map(object? value, CallArgs args, RenderContext ctx, int position)
    {
        var attribute = args.GetNamed("attribute");
        var result = new List<object?>();
        if (attribute is not null)
        {
            var fallback = args.GetNamed("default");
            var hasDefault = !ReferenceEquals(args.GetNamed("default", NoValue), NoValue);
            foreach (var item in PyOps.Iterate(value))
            {
                var v = AttributePath(item, attribute);
                result.Add(v is Undefined u ? (hasDefault ? fallback : throw ctx.Error(position, u.Message)) : v);
            }

            return result;
        }

        if (args.Count == 0 || args.Positional[0] is not string filterName || !TryGet(filterName, out var filter))
        {
            throw new PyTypeError("map requires attribute='name' or the name of a filter");
        }

        var rest = new CallArgs(args.Positional.Skip(1).ToArray(), CallArgs.NoNamed);
        foreach (var item in PyOps.Iterate(value))
        {
            result.Add(filter(item, rest, ctx, position));
        }

        return result;
    }

    private static readonly object NoValue = new();

    private static object? Select(object? value, CallArgs args, bool attribute, bool keep)
    {
        var offset = attribute ? 1 : 0;
        var attributeName = attribute ? args.Get(0, "attribute") : null;
        TestFunction? test = null;
        var testArgs = new CallArgs(CallArgs.NoPositional, CallArgs.NoNamed);
        if (args.Count > offset)
        {
            var testName = args.Positional[offset] as string ?? throw new PyTypeError("the test name must be a string");
            test = Tests.TryGet(testName, out var t) ? t : throw new PyTypeError($"No test named '{testName}'.");
            testArgs = new CallArgs(args.Positional.Skip(offset + 1).ToArray(), CallArgs.NoNamed);
        }

        var result = new List<object?>();
        foreach (var item in PyOps.Iterate(value))
        {
            var subject = attributeName is null ? item : AttributePath(item, attributeName);
            var passed = test is null ? subject is not Undefined && PyOps.IsTruthy(subject) : test(subject, testArgs);
            if (passed == keep)
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static object? GetAttribute(object? item, object? attribute, RenderContext ctx, int position)
    {
        var v = AttributePath(item, attribute);
        return v is Undefined u ? throw ctx.Error(position, u.Message) : v;
    }

    /// <summary>Jinja's attribute getter: a dotted path where integer parts index lists.</summary>
    private static object? AttributePath(object? item, object? attribute)
    {
        var parts = attribute is long index ? [index.ToString(CultureInfo.InvariantCulture)] : PyFormat.ToStr(attribute).Split('.');
        var current = item;
        foreach (var part in parts)
        {
            if (current is Dictionary<string, object?> d && d.TryGetValue(part, out var next))
            {
                current = next;
            }
            else if (long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) && PyOps.TryIndex(current, i, out next))
            {
                current = next;
            }
            else
            {
                return new Undefined($"{PyFormat.TypeName(current)} object has no attribute '{part}'", -1);
            }
        }

        return current;
    }
}
