using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ChatKit.Server;

/// <summary>What <c>ProcessAsync</c> returns: a <see cref="StreamingResult"/> or a <see cref="JsonResult"/>.</summary>
public abstract class ChatKitResult
{
    private protected ChatKitResult()
    {
    }
}

/// <summary>A complete JSON response body (<c>application/json</c>).</summary>
public sealed class JsonResult : ChatKitResult
{
    internal JsonResult(ReadOnlyMemory<byte> json) => Json = json;

    /// <summary>The UTF-8 JSON body.</summary>
    public ReadOnlyMemory<byte> Json { get; }
}

/// <summary>
/// An SSE response (<c>text/event-stream</c>). Enumerate it for ready-to-write frames (<c>data: {json}\n\n</c>); each
/// frame's memory is reused for the next one, so write (or copy) it before moving on. Enumerate
/// <see cref="Events"/> instead to get the events themselves. Enumerate only once.
/// </summary>
/// <remarks>
/// A turn holds its thread's lock from validation until its stream ends, so that turns of one thread never
/// interleave. Enumerating to the end (or disposing the enumerator) releases it; a result that is never enumerated
/// must be disposed, or the thread stays locked until the lock provider's timeout.
/// </remarks>
public sealed class StreamingResult : ChatKitResult, IAsyncEnumerable<ReadOnlyMemory<byte>>, IAsyncDisposable
{
    private readonly TurnLease? _lease;

    internal StreamingResult(IAsyncEnumerable<ThreadStreamEvent> events, TurnLease? lease = null)
    {
        Events = events;
        _lease = lease;
    }

    // A follower of a run (docs/protocol.md §16): its frames come from the run's journal, cursors included.
    internal StreamingResult(RunFollower follower)
    {
        Events = follower.EventsAsync();
        _follower = follower;
    }

    private readonly RunFollower? _follower;

    /// <summary>The events, not yet serialized.</summary>
    public IAsyncEnumerable<ThreadStreamEvent> Events { get; }

    /// <inheritdoc />
    public IAsyncEnumerator<ReadOnlyMemory<byte>> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _follower is null ? FramesAsync(cancellationToken) : _follower.FramesAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerator<ReadOnlyMemory<byte>> FramesAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = SseFrameWriter.CreateJsonWriter(buffer);
        await foreach (var e in Events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            SseFrameWriter.Write(buffer, writer, e);
            yield return buffer.WrittenMemory;
        }
    }

    /// <summary>
    /// Releases the thread's lock if the stream was never enumerated; once an enumeration started, the enumeration
    /// releases it and this does nothing.
    /// </summary>
    public ValueTask DisposeAsync() => _lease is { Started: false } lease ? lease.ReleaseAsync() : ValueTask.CompletedTask;

    /// <summary>Writes every frame to <paramref name="output"/>, flushing after each one.</summary>
    public async Task WriteToAsync(Stream output, CancellationToken cancellationToken = default)
    {
        await foreach (var frame in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await output.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
