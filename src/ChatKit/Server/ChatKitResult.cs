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
    /// The frames grouped by readiness, for a writer that flushes once per element: each element holds the frame the
    /// stream waited for plus every frame that was already available after it (up to <paramref name="maxBytes"/>),
    /// so a fast producer costs one flush per burst while a slow one still gets each frame flushed as soon as it is
    /// produced. The element's memory is reused for the next one: write (or copy) it before moving on.
    /// Enumerate only once (this or the frames).
    /// </summary>
    /// <param name="maxBytes">Stop adding ready frames to an element once it holds this many bytes.</param>
    public IAsyncEnumerable<ReadOnlyMemory<byte>> FrameBatches(int maxBytes = DefaultMaxBatchBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return ReadFrameBatchesAsync(maxBytes);
    }

    /// <summary>The default bound of one element of <see cref="FrameBatches"/>: below Kestrel's output pause threshold (64 KB).</summary>
    public const int DefaultMaxBatchBytes = 32 * 1024;

    // A run's follower already has its frames (each with its cursor as the id line): they are copied into the batch.
    // Any other stream's events are serialized straight into it.
    private IAsyncEnumerable<ReadOnlyMemory<byte>> ReadFrameBatchesAsync(int maxBytes) =>
        _follower is { } follower
            ? ReadBatchesAsync(ct => follower.FramesAsync(ct).GetAsyncEnumerator(ct), static (buffer, _, frame) => buffer.Write(frame.Span), maxBytes)
            : ReadBatchesAsync(ct => Events.GetAsyncEnumerator(ct), static (buffer, writer, e) => SseFrameWriter.Write(buffer, writer, e), maxBytes);

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadBatchesAsync<T>(
        Func<CancellationToken, IAsyncEnumerator<T>> open,
        Action<PooledFrameBuffer, Utf8JsonWriter, T> write,
        int maxBytes,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var buffer = new PooledFrameBuffer(4096);
        using var writer = SseFrameWriter.CreateJsonWriter(buffer);

        // The producer runs on while a batch is being written, so a consumer that stops early may leave a move in
        // flight; an iterator cannot be disposed then. Its own token lets the move be cancelled and awaited first.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = open(abandon.Token);
        ValueTask<bool>? inFlight = null;
        try
        {
            var more = await events.MoveNextAsync().ConfigureAwait(false);
            while (more)
            {
                buffer.ResetWrittenCount();
                write(buffer, writer, events.Current);
                var next = events.MoveNextAsync();
                var consumed = false;

                // A move that completed synchronously and successfully is a frame that was ready: it joins this batch.
                // One still pending (the producer is waiting) ends the batch, so the client gets what there is now; a
                // failed one ends it too, so the frames before the failure are still delivered before it surfaces.
                while (next.IsCompletedSuccessfully && buffer.WrittenCount < maxBytes)
                {
                    // Reading the result consumes the move (an iterator's ValueTask can be awaited only once).
                    if (!next.Result)
                    {
                        consumed = true;
                        more = false;
                        break;
                    }

                    write(buffer, writer, events.Current);
                    next = events.MoveNextAsync();
                }

                if (consumed)
                {
                    yield return buffer.WrittenMemory;
                    continue;
                }

                // The producer only touches its own state while the batch is written, never the buffer.
                inFlight = next;
                yield return buffer.WrittenMemory;
                inFlight = null;
                more = await next.ConfigureAwait(false);
            }
        }
        finally
        {
            if (inFlight is { } pending)
            {
                // The consumer stopped (its client is gone): cancel the producer as a disconnect does and let the move
                // end. Whatever it ends with, nobody reads this stream any more.
                await abandon.CancelAsync().ConfigureAwait(false);
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception)
                {
                }
            }

            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Releases the thread's lock if the stream was never enumerated; once an enumeration started, the enumeration
    /// releases it and this does nothing.
    /// </summary>
    public ValueTask DisposeAsync() => _lease is { Started: false } lease ? lease.ReleaseAsync() : ValueTask.CompletedTask;

    /// <summary>
    /// Writes every frame to <paramref name="output"/>, one write and one flush per batch of ready frames
    /// (<see cref="FrameBatches"/>): a frame is never held back waiting for the next one.
    /// </summary>
    public async Task WriteToAsync(Stream output, CancellationToken cancellationToken = default)
    {
        await foreach (var batch in FrameBatches().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
