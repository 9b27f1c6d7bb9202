using ChatKit.Server;

namespace ChatKit.Testing.Runs;

/// <summary>Reads the frames of a streaming result one by one, each within a safety net, so a stuck stream fails the test.</summary>
public sealed class SseFrameReader(ChatKitResult result) : IAsyncDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(20);
    private readonly IAsyncEnumerator<ReadOnlyMemory<byte>> _frames = Assert.IsType<StreamingResult>(result).GetAsyncEnumerator();

    /// <summary>The next frame, or null when the stream ended.</summary>
    public async Task<SseFrame?> NextAsync() =>
        await _frames.MoveNextAsync().AsTask().WaitAsync(SafetyNet) ? SseFrame.Parse(_frames.Current.Span) : null;

    /// <summary>The next <paramref name="count"/> frames; fails if the stream ends before.</summary>
    public async Task<List<SseFrame>> TakeAsync(int count)
    {
        var frames = new List<SseFrame>();
        for (var i = 0; i < count; i++)
        {
            frames.Add(await NextAsync() ?? throw new InvalidOperationException($"The stream ended after {i} frames."));
        }

        return frames;
    }

    /// <summary>Every frame up to the end of the stream.</summary>
    public async Task<List<SseFrame>> RestAsync()
    {
        var frames = new List<SseFrame>();
        while (await NextAsync() is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _frames.DisposeAsync();
}
