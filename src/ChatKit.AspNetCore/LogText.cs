using System.Text;

namespace ChatKit.AspNetCore;

/// <summary>
/// Makes a client-supplied value safe to log: control characters (a newline would forge a log line) are escaped as
/// <c>\uXXXX</c>, and long values are cut, so a request cannot flood or forge the log.
/// </summary>
internal static class LogText
{
    public const int MaxLength = 200;

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string? Of(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var cut = value.Length > MaxLength;
        var span = cut ? value.AsSpan(0, MaxLength) : value.AsSpan();
        if (!cut && !span.ContainsAnyInRange('\u0000', '\u001f') && !span.Contains('\u007f') && !HasSeparators(span))
        {
            return value;
        }

        var builder = new StringBuilder(span.Length + 16);
        foreach (var c in span)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (cut)
        {
            builder.Append("…(").Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" chars)");
        }

        return builder.ToString();
    }

    private static bool HasSeparators(ReadOnlySpan<char> span) => span.IndexOfAny('\u2028', '\u2029', '\u0085') >= 0;
}
