using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatKit.Json;

/// <summary>
/// Writes timestamps as ISO-8601 UTC with a <c>Z</c> suffix and microsecond precision; reads every form the
/// reference accepts (with or without fraction, offset or <c>Z</c>, a space instead of <c>T</c>, Unix seconds).
/// </summary>
/// <remarks>Naive timestamps (no offset), as the Python reference writes them, are taken to be UTC.</remarks>
public sealed class ChatKitDateTimeConverter : JsonConverter<DateTimeOffset>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd' 'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000d));
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected an ISO-8601 datetime string.");
        }

        // Fast path for what this library writes itself (stored items, the wire): ISO 8601 with 'Z'. The reader's own
        // parser avoids allocating the string and the multi-format exact parse, which dominated reading stored items.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan is [.., (byte)'Z']
            && reader.ValueSpan.IndexOf((byte)'T') == 10 && reader.TryGetDateTimeOffset(out var utc))
        {
            return utc.ToUniversalTime();
        }

        var text = reader.GetString()!;
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new JsonException($"'{text}' is not an ISO-8601 datetime.");
    }

    /// <summary>Parses any datetime form the protocol allows; naive values are UTC.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000d));
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => WriteValue(writer, value);

    /// <summary>Writes a timestamp as a JSON string value, exactly as the serializer does.</summary>
    internal static void WriteValue(Utf8JsonWriter writer, DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[32];
        writer.WriteStringValue(buffer[..Format(value, buffer)]);
    }

    /// <summary>Formats a timestamp the way ChatKit for .NET writes it: UTC, microseconds, <c>Z</c>.</summary>
    public static string Format(DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[32];
        return System.Text.Encoding.ASCII.GetString(buffer[..Format(value, buffer)]);
    }

    private static int Format(DateTimeOffset value, Span<byte> buffer)
    {
        var utc = value.UtcDateTime;
        var written = 0;
        Write(buffer, ref written, utc.Year, 4);
        buffer[written++] = (byte)'-';
        Write(buffer, ref written, utc.Month, 2);
        buffer[written++] = (byte)'-';
        Write(buffer, ref written, utc.Day, 2);
        buffer[written++] = (byte)'T';
        Write(buffer, ref written, utc.Hour, 2);
        buffer[written++] = (byte)':';
        Write(buffer, ref written, utc.Minute, 2);
        buffer[written++] = (byte)':';
        Write(buffer, ref written, utc.Second, 2);
        var micros = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10);
        if (micros != 0)
        {
            buffer[written++] = (byte)'.';
            Write(buffer, ref written, micros, 6);
        }

        buffer[written++] = (byte)'Z';
        return written;
    }

    private static void Write(Span<byte> buffer, ref int written, int value, int digits)
    {
        Utf8Formatter.TryFormat(value, buffer[written..], out var n, new System.Buffers.StandardFormat('D', (byte)digits));
        written += n;
    }
}
