using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ChatKit;
using ChatKit.Server;

namespace ChatKit.Benchmarks;

/// <summary>
/// The hot path of a streamed answer: one text-delta event serialized and framed (<c>data: …\n\n</c>) into a reused
/// buffer, as <see cref="StreamingResult"/> does for every token. Target: under 1 µs and under 500 B allocated.
/// </summary>
[MemoryDiagnoser]
public class SseFrameBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Utf8JsonWriter _writer = null!;
    private ThreadStreamEvent _textDelta = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = SseFrameWriter.CreateJsonWriter(_buffer);
        _textDelta = new ThreadItemUpdatedEvent
        {
            ItemId = "msg_0123456789abcdef",
            Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "Hello, wörld — a token or two" },
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark]
    public int TextDeltaFrame()
    {
        _buffer.ResetWrittenCount();
        SseFrameWriter.Write(_buffer, _writer, _textDelta);
        return _buffer.WrittenCount;
    }
}
