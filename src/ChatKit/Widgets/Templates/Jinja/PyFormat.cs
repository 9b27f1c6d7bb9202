using System.Globalization;
using System.Text;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of template values (what <c>{{ x }}</c> and <c>~</c> print).</summary>
internal static class PyFormat
{
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        PyTuple => "tuple",
        List<object?> => "list",
        Dictionary<string, object?> => "dict",
        LoopContext => "LoopContext",
        Undefined => "Undefined",
        _ => value.GetType().Name,
    };

    public static string ToStr(object? value) => value switch
    {
        string s => s,
        Undefined => string.Empty,
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FloatRepr(d),
        _ => AppendRepr(new StringBuilder(), value).ToString(),
    };

    public static void AppendStr(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case string s:
                sb.Append(s);
                break;
            case long l:
                sb.Append(l);
                break;
            case Undefined:
                break;
            default:
                AppendRepr(sb, value, topLevelStr: true);
                break;
        }
    }

    public static StringBuilder AppendRepr(StringBuilder sb, object? value, bool topLevelStr = false)
    {
        switch (value)
        {
            case null:
                sb.Append("None");
                break;
            case bool b:
                sb.Append(b ? "True" : "False");
                break;
            case long l:
                sb.Append(l);
                break;
            case double d:
                sb.Append(FloatRepr(d));
                break;
            case string s when topLevelStr:
                sb.Append(s);
                break;
            case string s:
                AppendStringRepr(sb, s);
                break;
            case PyTuple tuple:
                sb.Append('(');
                for (var i = 0; i < tuple.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    AppendRepr(sb, tuple[i]);
                }

                sb.Append(tuple.Count == 1 ? ",)" : ")");
                break;
            case List<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    AppendRepr(sb, list[i]);
                }

                sb.Append(']');
                break;
            case Dictionary<string, object?> dict:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in dict)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    AppendStringRepr(sb, k);
                    sb.Append(": ");
                    AppendRepr(sb, v);
                }

                sb.Append('}');
                break;
            case LoopContext loop:
                sb.Append("<LoopContext ").Append(loop.Index0 + 1).Append('/').Append(loop.Length).Append('>');
                break;
            default:
                sb.Append(value);
                break;
        }

        return sb;
    }

    private static void AppendStringRepr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7F)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append(quote);
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, exponent form below 1e-4 and from 1e16.</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        // "R" gives the shortest round-trip digits, e.g. "1.5E-07", "123.25", "1E+16".
        var shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int exponent; // value = 0.digits * 10^exponent
        var ePos = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = ePos >= 0 ? shortest[..ePos] : shortest;
        var exp10 = ePos >= 0 ? int.Parse(shortest.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        exponent = intPart.Length - leadingZeros + exp10;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var sb = new StringBuilder();
        if (d < 0)
        {
            sb.Append('-');
        }

        if (exponent > 16 || exponent < -3)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var e = exponent - 1;
            sb.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (exponent <= 0)
        {
            sb.Append("0.").Append('0', -exponent).Append(digits);
        }
        else if (digits.Length <= exponent)
        {
            sb.Append(digits).Append('0', exponent - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, exponent).Append('.').Append(digits, exponent, digits.Length - exponent);
        }

        return sb.ToString();
    }
}
