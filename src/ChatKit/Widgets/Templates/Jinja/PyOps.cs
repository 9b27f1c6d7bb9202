using System.Text;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>
/// Python semantics of the template value model: <see langword="null"/> (None), <see cref="bool"/>,
/// <see cref="long"/> (int), <see cref="double"/> (float), <see cref="string"/>, <c>List&lt;object?&gt;</c> (list),
/// <c>Dictionary&lt;string, object?&gt;</c> (dict), <see cref="LoopContext"/> and <see cref="Undefined"/>.
/// Operations throw <see cref="PyTypeError"/>, which nodes turn into positioned render errors.
/// </summary>
internal static class PyOps
{
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        Dictionary<string, object?> dict => dict.Count > 0,
        Undefined => false,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new PyTypeError($"expected a number, got {PyFormat.TypeName(value)}"),
    };

    private static long ToLong(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new PyTypeError($"expected an integer, got {PyFormat.TypeName(value)}"),
    };

    /// <summary>Python's <c>==</c>: deep for lists and dicts; numbers by value, with booleans as 0 and 1.</summary>
    public static new bool Equals(object? a, object? b) => DeepEquality.Equals(a, b, ScalarEquals);

    private static bool ScalarEquals(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a) == ToDouble(b) : ToLong(a) == ToLong(b);
        }

        return a is string sa ? b is string sb && string.Equals(sa, sb, StringComparison.Ordinal) : ReferenceEquals(a, b);
    }

    /// <summary>Ordering for <c>&lt; &lt;= &gt; &gt;=</c>: numbers, strings (code point order) and lists only.</summary>
    public static int Compare(object? a, object? b, string op)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a).CompareTo(ToDouble(b)) : ToLong(a).CompareTo(ToLong(b));
        }

        if (a is string sa && b is string sb)
        {
            return string.CompareOrdinal(sa, sb);
        }

        if (a is List<object?> la && b is List<object?> lb)
        {
            for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
            {
                if (!Equals(la[i], lb[i]))
                {
                    return Compare(la[i], lb[i], op);
                }
            }

            return la.Count.CompareTo(lb.Count);
        }

        throw new PyTypeError($"'{op}' not supported between instances of '{PyFormat.TypeName(a)}' and '{PyFormat.TypeName(b)}'");
    }

    public static bool Contains(object? container, object? item) => container switch
    {
        string s when item is string sub => s.Contains(sub, StringComparison.Ordinal),
        string => throw new PyTypeError($"'in <string>' requires string as left operand, not {PyFormat.TypeName(item)}"),
        List<object?> list => list.Exists(x => Equals(x, item)),
        Dictionary<string, object?> dict => item is string key && dict.ContainsKey(key),
        _ => throw new PyTypeError($"argument of type '{PyFormat.TypeName(container)}' is not iterable"),
    };

    public static object? Add(object? a, object? b)
    {
        if (a is long la && b is long lb)
        {
            return Checked(() => checked(la + lb));
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a) + ToDouble(b) : (object)Checked(() => checked(ToLong(a) + ToLong(b)));
        }

        if (a is string sa && b is string sb)
        {
            return string.Concat(sa, sb);
        }

        if (a is List<object?> listA && b is List<object?> listB)
        {
            var result = new List<object?>(listA.Count + listB.Count);
            result.AddRange(listA);
            result.AddRange(listB);
            return result;
        }

        throw Unsupported("+", a, b);
    }

    public static object? Arithmetic(string op, object? a, object? b)
    {
        if (op == "*")
        {
            if (a is string s && b is long or bool)
            {
                return Repeat(s, ToLong(b));
            }

            if (b is string s2 && a is long or bool)
            {
                return Repeat(s2, ToLong(a));
            }

            if (a is List<object?> list && b is long or bool)
            {
                if (list.Count * ToLong(b) > MaxRepeatLength)
                {
                    throw new PyTypeError($"list repetition would produce more than {MaxRepeatLength} items");
                }

                var result = new List<object?>();
                for (var i = 0L; i < ToLong(b); i++)
                {
                    result.AddRange(list);
                }

                return result;
            }
        }

        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported(op, a, b);
        }

        var isFloat = a is double || b is double;
        switch (op)
        {
            case "-":
                return isFloat ? ToDouble(a) - ToDouble(b) : (object)Checked(() => checked(ToLong(a) - ToLong(b)));
            case "*":
                return isFloat ? ToDouble(a) * ToDouble(b) : (object)Checked(() => checked(ToLong(a) * ToLong(b)));
            case "/":
                var divisor = ToDouble(b);
                return divisor == 0 ? throw new PyTypeError("division by zero") : ToDouble(a) / divisor;
            case "//":
                if (isFloat)
                {
                    var fd = ToDouble(b);
                    return fd == 0 ? throw new PyTypeError("float floor division by zero") : (object)Math.Floor(ToDouble(a) / fd);
                }
                else
                {
                    var (x, y) = (ToLong(a), ToLong(b));
                    if (y == 0)
                    {
                        throw new PyTypeError("integer division or modulo by zero");
                    }

                    var q = x / y;
                    return (object)((x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q);
                }

            case "%":
                if (isFloat)
                {
                    var (x, y) = (ToDouble(a), ToDouble(b));
                    if (y == 0)
                    {
                        throw new PyTypeError("float modulo by zero");
                    }

                    var m = x % y;
                    return (object)(m != 0 && ((m < 0) != (y < 0)) ? m + y : m);
                }
                else
                {
                    var (x, y) = (ToLong(a), ToLong(b));
                    if (y == 0)
                    {
                        throw new PyTypeError("integer division or modulo by zero");
                    }

                    var m = x % y;
                    return (object)(m != 0 && ((m < 0) != (y < 0)) ? m + y : m);
                }

            case "**":
                if (!isFloat && ToLong(b) >= 0)
                {
                    var (bas, exp) = (ToLong(a), ToLong(b));
                    return Checked(() =>
                    {
                        long acc = 1;
                        for (var i = 0L; i < exp; i++)
                        {
                            acc = checked(acc * bas);
                        }

                        return acc;
                    });
                }

                return Math.Pow(ToDouble(a), ToDouble(b));
            default:
                throw Unsupported(op, a, b);
        }
    }

    public static object? Negate(object? value) => value switch
    {
        long l => (object)Checked(() => checked(-l)),
        double d => -d,
        bool b => b ? -1L : 0L,
        _ => throw new PyTypeError($"bad operand type for unary -: '{PyFormat.TypeName(value)}'"),
    };

    public static object? Length(object? value) => value switch
    {
        string s => (long)CodePointCount(s),
        List<object?> list => (long)list.Count,
        Dictionary<string, object?> dict => (long)dict.Count,
        Undefined => 0L,
        _ => throw new PyTypeError($"object of type '{PyFormat.TypeName(value)}' has no len()"),
    };

    public static int CodePointCount(string s)
    {
        var count = s.Length;
        for (var i = 0; i < s.Length - 1; i++)
        {
            if (char.IsSurrogatePair(s[i], s[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    /// <summary>The items a <c>for</c> loop or a filter iterates over: list items, dict keys, string characters.</summary>
    public static IReadOnlyList<object?> Iterate(object? value) => value switch
    {
        List<object?> list => list,
        Dictionary<string, object?> dict => dict.Keys.Select(k => (object?)k).ToList(),
        string s => Characters(s),
        Undefined => [],
        _ => throw new PyTypeError($"'{PyFormat.TypeName(value)}' object is not iterable"),
    };

    public static List<object?> Characters(string s)
    {
        var result = new List<object?>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (i + 1 < s.Length && char.IsSurrogatePair(s[i], s[i + 1]))
            {
                result.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                result.Add(s[i].ToString());
            }
        }

        return result;
    }

    /// <summary>Python slicing (<c>x[start:stop:step]</c>) of a string or list.</summary>
    public static object? Slice(object? value, object? start, object? stop, object? step)
    {
        var stepValue = step is null ? 1L : ToLong(step);
        if (stepValue == 0)
        {
            throw new PyTypeError("slice step cannot be zero");
        }

        var items = value switch
        {
            string s => null,
            List<object?> list => list,
            _ => throw new PyTypeError($"'{PyFormat.TypeName(value)}' object is not subscriptable"),
        };
        if (value is string str && stepValue == 1 && !HasSurrogates(str))
        {
            var (from, to) = SliceBounds(str.Length, start, stop, 1);
            return to > from ? str[(int)from..(int)to] : string.Empty;
        }

        items ??= Characters((string)value!);
        var (begin, end) = SliceBounds(items.Count, start, stop, stepValue);
        var picked = new List<object?>();
        if (stepValue > 0)
        {
            for (var i = begin; i < end; i += stepValue)
            {
                picked.Add(items[(int)i]);
            }
        }
        else
        {
            for (var i = begin; i > end; i += stepValue)
            {
                picked.Add(items[(int)i]);
            }
        }

        if (value is string)
        {
            var sb = new StringBuilder();
            foreach (var part in picked)
            {
                sb.Append((string)part!);
            }

            return sb.ToString();
        }

        return picked;
    }

    private static bool HasSurrogates(string s)
    {
        foreach (var c in s)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static (long Start, long Stop) SliceBounds(int length, object? start, object? stop, long step)
    {
        long Adjust(object? bound, long defaultValue, long low, long high)
        {
            if (bound is null)
            {
                return defaultValue;
            }

            var v = ToLong(bound);
            if (v < 0)
            {
                v += length;
            }

            return Math.Clamp(v, low, high);
        }

        return step > 0
            ? (Adjust(start, 0, 0, length), Adjust(stop, length, 0, length))
            : (Adjust(start, length - 1, -1, length - 1), Adjust(stop, -1, -1, length - 1));
    }

    /// <summary>Python <c>x[i]</c> for lists and strings (negative indexes count from the end); null when out of range.</summary>
    public static bool TryIndex(object? container, long index, out object? value)
    {
        switch (container)
        {
            case List<object?> list:
                if (index < 0)
                {
                    index += list.Count;
                }

                if (index >= 0 && index < list.Count)
                {
                    value = list[(int)index];
                    return true;
                }

                break;
            case string s:
                var chars = HasSurrogates(s) ? Characters(s) : null;
                var count = chars?.Count ?? s.Length;
                if (index < 0)
                {
                    index += count;
                }

                if (index >= 0 && index < count)
                {
                    value = chars is null ? s[(int)index].ToString() : chars[(int)index];
                    return true;
                }

                break;
        }

        value = null;
        return false;
    }

    private const long MaxRepeatLength = 10_000_000;

    private static string Repeat(string s, long count)
    {
        if (count <= 0)
        {
            return string.Empty;
        }

        if (s.Length * count > MaxRepeatLength)
        {
            throw new PyTypeError($"string repetition would produce more than {MaxRepeatLength} characters");
        }

        return new StringBuilder(s.Length * (int)count).Insert(0, s, (int)count).ToString();
    }

    private static long Checked(Func<long> compute)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            throw new PyTypeError("integer overflow (values beyond 64-bit integers are not supported)");
        }
    }

    private static PyTypeError Unsupported(string op, object? a, object? b) =>
        new($"unsupported operand type(s) for {op}: '{PyFormat.TypeName(a)}' and '{PyFormat.TypeName(b)}'");
}
