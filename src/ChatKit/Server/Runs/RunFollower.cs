using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ChatKit.Json;

namespace ChatKit.Server;

/// <summary>
/// One client following a run: the journal's events after its cursor, then live ones until the run ends. Ending
/// the follow (a disconnect) leaves the run alone. The events come from the run's journal in this process, or from
/// another host through the store's run exchange (<see cref="RemoteRunEntries"/>): the frames are the same.
/// </summary>
internal sealed class RunFollower(string runId, Func<CancellationToken, IAsyncEnumerable<(long Seq, ReadOnlyMemory<byte> Json)>> entries)
{
    public RunFollower(TurnRun run, long after)
        : this(run.Id, ct => LocalEntriesAsync(run, after, ct))
    {
    }

    /// <summary>SSE frames, each with its cursor as the <c>id</c> line (docs/protocol.md §16.2).</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> FramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        var idPrefix = Encoding.UTF8.GetBytes("id: " + runId + ".");
        var digits = new byte[20];
        await foreach (var (seq, json) in entries(cancellationToken).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            if (seq > 0)
            {
                buffer.Write(idPrefix);
                seq.TryFormat(digits.AsSpan(), out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
                buffer.Write(digits.AsSpan(0, written));
                buffer.Write("\n"u8);
            }

            buffer.Write("data: "u8);
            buffer.Write(json.Span);
            buffer.Write("\n\n"u8);
            yield return buffer.WrittenMemory;
        }
    }

    /// <summary>The same events, parsed (for in-process consumers of <see cref="StreamingResult.Events"/>).</summary>
    public async IAsyncEnumerable<ThreadStreamEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (_, json) in entries(cancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.Deserialize(json.Span, ChatKitJson.Wire.ThreadStreamEvent)!;
        }
    }

    private static async IAsyncEnumerable<(long Seq, ReadOnlyMemory<byte> Json)> LocalEntriesAsync(TurnRun run, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<(long Seq, byte[] Json)>();
        var position = after;
        while (true)
        {
            batch.Clear();
            var (next, completed, changed) = run.Journal.Read(position, batch);
            position = next;
            foreach (var entry in batch)
            {
                yield return entry;
            }

            if (batch.Count == 0)
            {
                if (completed)
                {
                    yield break;
                }

                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
