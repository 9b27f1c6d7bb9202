using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets.Templates;

/// <summary>
/// Turns rendered template text into the widget <see cref="JsonObject"/>: parses it (duplicate keys: last wins, as in
/// Python's <c>json.loads</c>), drops null-valued properties and null array elements recursively (docs/widgets.md §2),
/// and checks the root type. Integers become <see cref="long"/> values; other numbers keep their JSON text.
/// </summary>
internal static class WidgetOutputReader
{
    private static readonly string[] RootTypes = ["Card", "ListView", "Basic"];

    public static JsonObject Read(string rendered, string templateName) => Read(new StringBuilder(rendered), templateName);

    /// <summary>Reads the output straight from the render buffer (encoded to pooled UTF-8, no intermediate string).</summary>
    public static JsonObject Read(StringBuilder output, string templateName)
    {
        var byteCount = 0;
        foreach (var chunk in output.GetChunks())
        {
            byteCount += Encoding.UTF8.GetByteCount(chunk.Span);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(byteCount, 1));
        try
        {
            var encoder = Encoding.UTF8.GetEncoder();
            var written = 0;
            foreach (var chunk in output.GetChunks())
            {
                written += encoder.GetBytes(chunk.Span, buffer.AsSpan(written), flush: false);
            }

            written += encoder.GetBytes(ReadOnlySpan<char>.Empty, buffer.AsSpan(written), flush: true);
            return Read(buffer.AsSpan(0, written), output, templateName);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonObject Read(ReadOnlySpan<byte> bytes, StringBuilder output, string templateName)
    {
        if (bytes.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new WidgetTemplateOutputException(
                $"Widget template '{templateName}' rendered empty output; expected a widget JSON object.", output.ToString());
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 512 });
        JsonNode? root;
        try
        {
            reader.Read();
            root = ReadValue(ref reader);
            if (reader.Read())
            {
                throw new JsonException("Unexpected content after the JSON value.");
            }
        }
        catch (JsonException e)
        {
            var rendered = output.ToString();
            var (line, column, offset) = Locate(rendered, e.LineNumber, e.BytePositionInLine);
            throw new WidgetTemplateOutputException(
                $"Widget template '{templateName}' did not render valid JSON (line {line}, column {column} of the output): {Reason(e)}"
                + Environment.NewLine + Neighbourhood(rendered, offset),
                rendered,
                e);
        }

        if (root is not JsonObject obj)
        {
            throw new WidgetTemplateOutputException(
                $"Widget template '{templateName}' rendered a JSON {Kind(root)}; the widget root must be an object with type Card, ListView or Basic.",
                output.ToString());
        }

        var type = obj["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        if (type is null || Array.IndexOf(RootTypes, type) < 0)
        {
            var got = type is null ? "no string 'type' property" : $"type '{type}'";
            throw new WidgetTemplateOutputException(
                $"Widget template '{templateName}' rendered a root with {got}; the widget root must be Card, ListView or Basic.",
                output.ToString());
        }

        return obj;
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    var value = ReadValue(ref reader);
                    if (value is null)
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        obj[name] = value;
                    }
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var item = ReadValue(ref reader);
                    if (item is not null)
                    {
                        array.Add(item);
                    }
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString()!);
            case JsonTokenType.Number:
                if (reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 && reader.TryGetInt64(out var l))
                {
                    return JsonValue.Create(l);
                }

                return JsonValue.Create(JsonElement.ParseValue(ref reader));
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };

    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    /// <summary>Converts the reader's (0-based line, byte-in-line) into 1-based line/column and a char offset.</summary>
    private static (long Line, long Column, int Offset) Locate(string text, long? lineNumber, long? bytePositionInLine)
    {
        var line = (int)(lineNumber ?? 0);
        var lineStart = 0;
        for (var i = 0; i < line; i++)
        {
            var next = text.IndexOf('\n', lineStart);
            if (next < 0)
            {
                break;
            }

            lineStart = next + 1;
        }

        var targetBytes = bytePositionInLine ?? 0;
        var offset = lineStart;
        long consumed = 0;
        while (offset < text.Length && consumed < targetBytes && text[offset] != '\n')
        {
            consumed += Encoding.UTF8.GetByteCount(text.AsSpan(offset, char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length ? 2 : 1));
            offset += char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length ? 2 : 1;
        }

        return (line + 1, offset - lineStart + 1, offset);
    }

    private static string Neighbourhood(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var from = Math.Max(0, offset - 40);
        var to = Math.Min(text.Length, offset + 40);
        var prefix = from > 0 ? "..." : string.Empty;
        var snippet = text[from..to].Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        return "    " + prefix + snippet + (to < text.Length ? "..." : string.Empty) + Environment.NewLine
            + "    " + new string(' ', prefix.Length + offset - from) + "^";
    }
}
