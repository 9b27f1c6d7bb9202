using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatKit.Testing.Http;

/// <summary>Reads ChatKit SSE frames and checks their framing strictly (<c>data: json\n\n</c>, nothing else).</summary>
public static class SseReader
{
    /// <summary>Parses events from a stream as they arrive.</summary>
    /// <exception cref="FormatException">A line is not a <c>data:</c> line, or frames are not separated by one blank line.</exception>
    public static async IAsyncEnumerable<JsonObject> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            // A run's frames carry their cursor first (docs/protocol.md §16.2).
            if (line.StartsWith("id: run_", StringComparison.Ordinal) && await reader.ReadLineAsync(cancellationToken) is { } data)
            {
                line = data;
            }

            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                throw new FormatException($"Expected a 'data: ' line, got '{line}'.");
            }

            var json = JsonNode.Parse(line["data: ".Length..]) as JsonObject ?? throw new FormatException("An event is not a JSON object.");
            var blank = await reader.ReadLineAsync(cancellationToken);
            if (blank is null)
            {
                throw new FormatException("The last frame is not terminated by a blank line.");
            }

            if (blank.Length != 0)
            {
                throw new FormatException($"Expected a blank line after an event, got '{blank}'.");
            }

            yield return json;
        }
    }
}
