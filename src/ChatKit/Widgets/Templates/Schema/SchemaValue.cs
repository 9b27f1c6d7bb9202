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
    public static bool JsonEquals(object? a, object? b) => DeepEquality.Equals(a, b, ScalarEquals);

    private static bool ScalarEquals(object? a, object? b) => a switch
    {
        null => b is null,
        bool ba => b is bool bb && ba == bb,
        long or double => b is long or double && PyOps.Equals(a, b),
        string sa => b is string sb && sa == sb,
        _ => false,
    };

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
