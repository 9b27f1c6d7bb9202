using System.Buffers;
using System.Text.Json;
using ChatKit.Json;

namespace ChatKit.Server;

/// <summary>
/// The events of one run, numbered from 1, for the clients that follow it (docs/protocol.md §16). The newest events
/// are kept up to a byte budget; alongside, the run's current state (thread, settled and open items) is kept so a
/// client whose cursor fell out of the journal can be brought to a consistent view without the events it missed.
/// One writer (the run) appends; any number of followers read.
/// </summary>
internal sealed class RunJournal(int maxBytes) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<byte[]> _entries = [];
    private int _head;
    private long _firstSeq = 1;
    private long _lastSeq;
    private long _bytes;
    private bool _completed;
    private TaskCompletionSource _changed = NewSignal();

    // The state a late follower is given instead of dropped events, as event JSON ready to send.
    private readonly PendingItems _open = new();
    private readonly Dictionary<string, byte[]> _settled = new(StringComparer.Ordinal);
    private readonly List<string> _settledOrder = [];
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private byte[]? _thread;
    private byte[]? _streamOptions;

    // Serialization buffers of the single writer.
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Utf8JsonWriter? _writer;

    /// <summary>The cursor of the newest event (0 before the first).</summary>
    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    /// <summary>Bytes of event JSON held for replay (the budget applies to this).</summary>
    public long RetainedBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Whether the run has ended (no more events will come).</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>Numbers, serializes and keeps one event, and wakes the followers.</summary>
    public void Append(ThreadStreamEvent e)
    {
        var json = Serialize(e);
        TaskCompletionSource woken;
        lock (_gate)
        {
            _entries.Add(json);
            _lastSeq++;
            _bytes += json.Length;
            Track(e, json);
            while (_bytes > maxBytes && _entries.Count - _head > 1)
            {
                _bytes -= _entries[_head].Length;
                _entries[_head] = [];
                _head++;
                _firstSeq++;
            }

            if (_head > 256 && _head > _entries.Count / 2)
            {
                _entries.RemoveRange(0, _head);
                _head = 0;
            }

            woken = _changed;
            _changed = NewSignal();
        }

        woken.TrySetResult();
    }

    /// <summary>Marks the run ended and wakes the followers, who finish once they have read everything.</summary>
    public void Complete()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            _completed = true;
            woken = _changed;
        }

        woken.TrySetResult();
    }

    /// <summary>
    /// Adds to <paramref name="into"/> what a follower that has everything up to <paramref name="after"/> needs next:
    /// the events after it, or, when some of them were dropped, the run's current state (only its last frame carries
    /// a cursor). Returns the new position, whether the run has ended, and a task that completes on the next change.
    /// </summary>
    public (long After, bool Completed, Task Changed) Read(long after, List<(long Seq, byte[] Json)> into)
    {
        lock (_gate)
        {
            if (after + 1 < _firstSeq)
            {
                Snapshot(into);
                after = _lastSeq;
            }

            for (var seq = after + 1; seq <= _lastSeq; seq++)
            {
                into.Add((seq, _entries[_head + (int)(seq - _firstSeq)]));
            }

            return (_lastSeq, _completed, _changed.Task);
        }
    }

    private void Snapshot(List<(long Seq, byte[] Json)> into)
    {
        var start = into.Count;
        if (_streamOptions is not null)
        {
            into.Add((0, _streamOptions));
        }

        if (_thread is not null)
        {
            into.Add((0, _thread));
        }

        foreach (var id in _removed)
        {
            into.Add((0, SerializeApart(new ThreadItemRemovedEvent { ItemId = id })));
        }

        foreach (var id in _settledOrder)
        {
            into.Add((0, _settled[id]));
        }

        foreach (var item in _open.Items)
        {
            into.Add((0, SerializeApart(new ThreadItemAddedEvent { Item = item })));
        }

        if (into.Count > start)
        {
            into[^1] = (_lastSeq, into[^1].Json);
        }
    }

    // Keeps the current state in step with the events (under the lock).
    private void Track(ThreadStreamEvent e, byte[] json)
    {
        switch (e)
        {
            case ThreadItemUpdatedEvent updated:
                _open.Apply(updated.ItemId, updated.Update);
                break;
            case ThreadItemAddedEvent added:
                _open.Add(added.Item);
                break;
            case ThreadItemDoneEvent done:
                _open.Remove(done.Item.Id);
                Settle(done.Item.Id, json);
                break;
            case ThreadItemReplacedEvent replaced:
                _open.Remove(replaced.Item.Id);
                Settle(replaced.Item.Id, json);
                break;
            case ThreadItemRemovedEvent removed:
                _open.Remove(removed.ItemId);
                if (_settled.Remove(removed.ItemId))
                {
                    _settledOrder.Remove(removed.ItemId);
                }

                _removed.Add(removed.ItemId);
                break;
            case ThreadCreatedEvent created:
                // A follower that missed thread.created already knows the thread (it named it): an update carries the rest.
                _thread = SerializeApart(new ThreadUpdatedEvent { Thread = created.Thread });
                break;
            case ThreadUpdatedEvent:
                _thread = json;
                break;
            case StreamOptionsEvent:
                _streamOptions = json;
                break;
        }
    }

    private void Settle(string id, byte[] json)
    {
        if (!_settled.ContainsKey(id))
        {
            _settledOrder.Add(id);
        }

        _settled[id] = json;
        _removed.Remove(id);
    }

    // The same bytes a connection would get (the frame writer's fast paths), without the SSE framing.
    private byte[] Serialize(ThreadStreamEvent e)
    {
        _buffer.ResetWrittenCount();
        _writer ??= SseFrameWriter.CreateJsonWriter(_buffer);
        SseFrameWriter.Write(_buffer, _writer, e);
        return _buffer.WrittenSpan[DataPrefixLength..^FrameEndLength].ToArray();
    }

    // For the followers' snapshots, which must not share the writer's buffers; also for events sent to followers
    // outside the journal (the notice of an abandoned run).
    public static byte[] SerializeApart(ThreadStreamEvent e) => SseFrameWriter.ToFrame(e)[DataPrefixLength..^FrameEndLength];

    private const int DataPrefixLength = 6; // "data: "
    private const int FrameEndLength = 2; // "\n\n"

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        lock (_gate)
        {
            _open.Dispose();
            _writer?.Dispose();
        }
    }
}
