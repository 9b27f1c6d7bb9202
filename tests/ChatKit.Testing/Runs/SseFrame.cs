using System.Text;
using System.Text.Json.Nodes;

namespace ChatKit.Testing.Runs;

/// <summary>One SSE frame of a stream: its exact text, its cursor (the <c>id</c> line, if any) and its event.</summary>
public sealed record SseFrame(string Raw, string? Id, JsonNode Event)
{
    /// <summary>
    /// Parses one frame as the server writes it: an optional <c>id</c> line, then one <c>data</c> line, then a blank
    /// line. Anything else fails the test.
    /// </summary>
    public static SseFrame Parse(ReadOnlySpan<byte> utf8)
    {
        var raw = Encoding.UTF8.GetString(utf8);
        Assert.EndsWith("\n\n", raw, StringComparison.Ordinal);
        var text = raw;
        string? id = null;
        if (text.StartsWith("id: ", StringComparison.Ordinal))
        {
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            id = text[4..end];
            text = text[(end + 1)..];
        }

        Assert.StartsWith("data: ", text, StringComparison.Ordinal);
        return new SseFrame(raw, id, JsonNode.Parse(text[6..^2])!);
    }

    /// <summary>The sequence number of a run cursor (<c>run_….n</c>).</summary>
    public static long SeqOf(string cursor) =>
        long.Parse(cursor[(cursor.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
