using System.Globalization;
using System.Text;
using ChatKit.Widgets.Templates.Jinja;

namespace ChatKit.Widgets.Templates.Schema;

/// <summary>JSON-Schema view of template values: type names, JSON equality and short display text for messages.</summary>
internal static class SchemaValue
{
    public static string TypeOf(object? value) => value switch
    {
        null => "null",
        bool => "boolean",
        long or double => "number",
        string => "string",
        List<object?> => "array",
        Dictionary<string, object?> => "object",
        _ => "unknown",
    };

    public static bool HasType(object? value, string type) => type switch
    {
        "null" => value is null,
        "boolean" => value is bool,
        "integer" => value is long || (value is double d && double.IsFinite(d) && Math.Floor(d) == d),
        "number" => value is long or double,
        "string" => value is string,
        "array" => value is List<object?>,
        "object" => value is Dictionary<string, object?>,
        _ => true,
    };

    /// <summary>JSON equality: numbers by value (1 == 1.0), booleans never equal numbers, deep for arrays and objects.</summary>
    public static bool JsonEquals(object? a, object? b)
    {
        switch (a)
        {
            case null:
                return b is null;
            case bool ba:
                return b is bool bb && ba == bb;
            case long or double:
                return b is long or double && PyOps.Equals(a, b);
            case string sa:
                return b is string sb && sa == sb;
            case List<object?> la:
                if (b is not List<object?> lb || la.Count != lb.Count)
                {
                    return false;
                }

                for (var i = 0; i < la.Count; i++)
                {
                    if (!JsonEquals(la[i], lb[i]))
                    {
                        return false;
                    }
                }

                return true;
            case Dictionary<string, object?> da:
                if (b is not Dictionary<string, object?> db || da.Count != db.Count)
                {
                    return false;
                }

                foreach (var (k, v) in da)
                {
                    if (!db.TryGetValue(k, out var other) || !JsonEquals(v, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    public static string Display(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case bool b:
                return b ? "true" : "false";
            case long l:
                return l.ToString(CultureInfo.InvariantCulture);
            case double d:
                return d.ToString("R", CultureInfo.InvariantCulture);
            case string s:
                var shown = s.Length > 40 ? s[..40] + "..." : s;
                var sb = new StringBuilder();
                PyJson.WriteString(sb, shown);
                return sb.ToString().Replace("\\u003c", "<", StringComparison.Ordinal).Replace("\\u003e", ">", StringComparison.Ordinal)
                    .Replace("\\u0026", "&", StringComparison.Ordinal).Replace("\\u0027", "'", StringComparison.Ordinal);
            case List<object?> list:
                return $"an array of {list.Count} item(s)";
            case Dictionary<string, object?>:
                return "an object";
            default:
                return TypeOf(value);
        }
    }
}
