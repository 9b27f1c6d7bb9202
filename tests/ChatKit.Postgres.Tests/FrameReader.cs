using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Server;

namespace ChatKit.Postgres.Tests;

/// <summary>One SSE frame: its exact text, its cursor (the <c>id</c> line, if any) and its event.</summary>
internal sealed record Frame(string Raw, string? Id, JsonNode Event);

/// <summary>Reads the frames of a streaming result, each within a safety net.</summary>
internal sealed class FrameReader(ChatKitResult result) : IAsyncDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(20);
    private readonly IAsyncEnumerator<ReadOnlyMemory<byte>> _frames = Assert.IsType<StreamingResult>(result).GetAsyncEnumerator();

    public async Task<Frame?> NextAsync()
    {
        if (!await _frames.MoveNextAsync().AsTask().WaitAsync(SafetyNet))
        {
            return null;
        }

        var raw = Encoding.UTF8.GetString(_frames.Current.Span);
        string? id = null;
        JsonNode? e = null;
        foreach (var line in raw.Split('\n'))
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                e = JsonNode.Parse(line[6..]);
            }
        }

        return new Frame(raw, id, e ?? throw new InvalidOperationException($"A frame without data: {raw}"));
    }

    public async Task<List<Frame>> TakeAsync(int count)
    {
        var frames = new List<Frame>();
        for (var i = 0; i < count; i++)
        {
            frames.Add(await NextAsync() ?? throw new InvalidOperationException($"The stream ended after {i} frames."));
        }

        return frames;
    }

    public async Task<List<Frame>> RestAsync()
    {
        var frames = new List<Frame>();
        while (await NextAsync() is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    public ValueTask DisposeAsync() => _frames.DisposeAsync();
}
