using System.Runtime.CompilerServices;
using ChatKit.Server;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>
/// The connection writer's batching: frames that are ready together go out in one write and one flush, and a frame
/// whose producer then waits is flushed before the producer continues.
/// </summary>
public sealed class FrameBatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Frames_ready_together_are_written_and_flushed_once()
    {
        var result = new StreamingResult(Deltas(102));
        var output = new RecordingStream();

        await result.WriteToAsync(output);

        Assert.Equal(1, output.Flushes);
        Assert.Single(output.Writes);
        Assert.Equal(102, Run.EventsOf(output.Body).Count);
    }

    [Fact]
    public async Task A_batch_ends_where_the_producer_waits()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = new StreamingResult(DeltasAroundAWait(3, gate.Task, 2));
        var batches = new List<int>();
        await foreach (var batch in result.FrameBatches())
        {
            batches.Add(Run.EventsOf(batch.ToArray()).Count);
            gate.TrySetResult();
        }

        Assert.Equal([3, 2], batches);
    }

    [Fact]
    public async Task A_frame_is_flushed_before_a_waiting_producer_continues()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondProduced = false;
        var output = new RecordingStream();
        var firstFlushed = output.FlushedBytesReach(1);

        var writing = new StreamingResult(OneThenWait()).WriteToAsync(output);
        await firstFlushed.WaitAsync(Patience);

        Assert.False(secondProduced);
        Assert.Single(Run.EventsOf(output.Body));
        gate.SetResult();
        await writing.WaitAsync(Patience);
        Assert.Equal(2, Run.EventsOf(output.Body).Count);
        Assert.Equal(2, output.Flushes);

        async IAsyncEnumerable<ThreadStreamEvent> OneThenWait()
        {
            yield return Delta();
            await gate.Task;
            secondProduced = true;
            yield return Delta();
        }
    }

    [Fact]
    public async Task A_batch_is_bounded_in_bytes()
    {
        var frame = SseFrameWriter.ToFrame(Delta()).Length;
        var result = new StreamingResult(Deltas(10));
        var sizes = new List<int>();
        await foreach (var batch in result.FrameBatches(maxBytes: (3 * frame) - 1))
        {
            sizes.Add(batch.Length / frame);
        }

        Assert.Equal([3, 3, 3, 1], sizes);
    }

    [Fact]
    public async Task Frames_before_a_failure_are_delivered_before_it_surfaces()
    {
        var output = new RecordingStream();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => new StreamingResult(TwoThenFail()).WriteToAsync(output));

        Assert.Equal("producer failed", failure.Message);
        Assert.Equal(2, Run.EventsOf(output.Body).Count);
        Assert.Equal(1, output.Flushes);

        static async IAsyncEnumerable<ThreadStreamEvent> TwoThenFail()
        {
            yield return Delta();
            yield return Delta();
            await Task.CompletedTask;
            throw new InvalidOperationException("producer failed");
        }
    }

    [Fact]
    public async Task A_writer_that_stops_while_the_producer_waits_cancels_the_producer()
    {
        var producerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new RecordingStream { FailWrites = true };

        await Assert.ThrowsAsync<IOException>(() => new StreamingResult(OneThenWaitForever()).WriteToAsync(output).WaitAsync(Patience));
        await producerCancelled.Task.WaitAsync(Patience);

        async IAsyncEnumerable<ThreadStreamEvent> OneThenWaitForever([EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return Delta();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                producerCancelled.TrySetResult();
            }

            yield return Delta();
        }
    }

    [Fact]
    public async Task Batches_that_outgrow_the_rented_buffer_carry_every_frame_intact()
    {
        // Frames of growing size (up to 200 KB, past the buffer's first sizes and the batch bound) in one burst.
        var events = Enumerable.Range(0, 40)
            .Select(i => (ThreadStreamEvent)new ThreadItemUpdatedEvent
            {
                ItemId = $"msg_{i}",
                Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = new string((char)('a' + (i % 26)), i * i * 128) + "é\u2028" },
            })
            .ToList();
        var expected = events.SelectMany(SseFrameWriter.ToFrame).ToArray();
        var received = new List<byte>();
        var batches = 0;
        await foreach (var batch in new StreamingResult(Burst(events)).FrameBatches())
        {
            received.AddRange(batch.ToArray());
            batches++;
        }

        Assert.Equal(expected, received.ToArray());
        Assert.True(batches > 1);

        static async IAsyncEnumerable<ThreadStreamEvent> Burst(List<ThreadStreamEvent> events)
        {
            await Task.CompletedTask;
            foreach (var e in events)
            {
                yield return e;
            }
        }
    }

    private static ThreadItemUpdatedEvent Delta() =>
        new() { ItemId = "msg_1", Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "token " } };

    private static async IAsyncEnumerable<ThreadStreamEvent> Deltas(int count)
    {
        await Task.CompletedTask;
        for (var i = 0; i < count; i++)
        {
            yield return Delta();
        }
    }

    private static async IAsyncEnumerable<ThreadStreamEvent> DeltasAroundAWait(int before, Task wait, int after)
    {
        for (var i = 0; i < before; i++)
        {
            yield return Delta();
        }

        await wait;
        for (var i = 0; i < after; i++)
        {
            yield return Delta();
        }
    }

    /// <summary>Records every write and flush; what has been flushed is what a client could have seen.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly MemoryStream _written = new();
        private readonly Lock _gate = new();
        private readonly List<(int Bytes, TaskCompletionSource Reached)> _waiters = [];

        public List<int> Writes { get; } = [];

        public int Flushes { get; private set; }

        public bool FailWrites { get; init; }

        public byte[] Body
        {
            get
            {
                lock (_gate)
                {
                    return _written.ToArray();
                }
            }
        }

        public Task FlushedBytesReach(int bytes)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _waiters.Add((bytes, reached));
            }

            return reached.Task;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (FailWrites)
            {
                throw new IOException("connection reset");
            }

            lock (_gate)
            {
                Writes.Add(buffer.Length);
                _written.Write(buffer.Span);
            }

            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Flushes++;
                foreach (var (bytes, reached) in _waiters)
                {
                    if (_written.Length >= bytes)
                    {
                        reached.TrySetResult();
                    }
                }
            }

            return Task.CompletedTask;
        }

        public override void Flush() => throw new NotSupportedException("synchronous flush");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous write");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        protected override void Dispose(bool disposing)
        {
            _written.Dispose();
            base.Dispose(disposing);
        }
    }
}
