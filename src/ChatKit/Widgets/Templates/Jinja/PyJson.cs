using System.Globalization;
using System.Text;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>
/// Jinja's <c>tojson</c> filter: Python <c>json.dumps(value, sort_keys=True, indent=...)</c> (ASCII-only output,
/// <c>", "</c>/<c>": "</c> separators) followed by HTML-safe escaping of <c>&lt; &gt; &amp; '</c> as
/// <c>\u003c \u003e \u0026 \u0027</c>. The result is always a valid JSON literal (except for NaN/Infinity, as in Python).
/// </summary>
internal static class PyJson
{
    public static void Write(StringBuilder sb, object? value, int? indent, RenderContext ctx, int position) =>
        Write(sb, value, indent, 0, ctx, position);

    private static void Write(StringBuilder sb, object? value, int? indent, int level, RenderContext ctx, int position)
    {
        switch (value)
        {
            case string s:
                WriteString(sb, s);
                break;
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l);
                break;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyFormat.FloatRepr(d));
                break;
            case List<object?> list:
                if (list.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(indent is null ? ", " : ",");
                    }

                    NewLine(sb, indent, level + 1);
                    Write(sb, list[i], indent, level + 1, ctx, position);
                }

                NewLine(sb, indent, level);
                sb.Append(']');
                break;
            case Dictionary<string, object?> dict:
                if (dict.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                var keys = new string[dict.Count];
                dict.Keys.CopyTo(keys, 0);
                Array.Sort(keys, StringComparer.Ordinal);
                sb.Append('{');
                for (var i = 0; i < keys.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(indent is null ? ", " : ",");
                    }

                    NewLine(sb, indent, level + 1);
                    WriteString(sb, keys[i]);
                    sb.Append(": ");
                    Write(sb, dict[keys[i]], indent, level + 1, ctx, position);
                }

                NewLine(sb, indent, level);
                sb.Append('}');
                break;
            case Undefined undefined:
                throw ctx.UndefinedError(undefined);
            default:
                throw ctx.Error(position, $"Object of type {PyFormat.TypeName(value)} is not JSON serializable");
        }
    }

    private static void NewLine(StringBuilder sb, int? indent, int level)
    {
        if (indent is { } n)
        {
            sb.Append('\n').Append(' ', n * level);
        }
    }

    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        var runStart = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c >= 0x20 && c < 0x7F && c is not ('"' or '\\' or '<' or '>' or '&' or '\''))
            {
                continue;
            }

            sb.Append(s, runStart, i - runStart);
            runStart = i + 1;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        sb.Append(s, runStart, s.Length - runStart);
        sb.Append('"');
    }
}
