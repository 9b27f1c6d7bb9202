using ChatKit.Json;

namespace ChatKit.Server;

/// <summary>
/// Items announced with <c>thread.item.added</c> and not yet done, kept in their latest known state so a cancelled
/// stream can save what the user already saw.
/// </summary>
internal sealed class PendingItems : IDisposable
{
    private readonly List<ThreadItem> _items = [];

    // Text deltas are buffered per content part and folded into the item only when it is read: appending each delta
    // to the part's string copied the whole text on every token (quadratic in the answer's length).
    // A turn has one or two such parts, so they are a short array searched in order (a dictionary cost more to create
    // than all of a turn's lookups), made with the first buffered delta.
    private (string ItemId, int ContentIndex, PooledText Buffer)[]? _text;
    private int _textCount;

    // The part the last delta went to: consecutive deltas almost always target the same part, so they skip the
    // item search and the buffer search.
    private string? _lastItemId;
    private int _lastContentIndex;
    private PooledText? _lastBuffer;

    public IReadOnlyList<ThreadItem> Items
    {
        get
        {
            FlushText(itemId: null);
            return _items;
        }
    }

    public void Add(ThreadItem item)
    {
        Remove(item.Id);
        _items.Add(Copy(item));
    }

    // A copy, so applying updates never touches the handler's own object. The assistant message that starts every
    // answer is copied by hand: the JSON round trip cost as much as the rest of a short turn's bookkeeping.
    private static ThreadItem Copy(ThreadItem item) => item is AssistantMessageItem message
        ? new AssistantMessageItem
        {
            Id = message.Id,
            ThreadId = message.ThreadId,
            CreatedAt = message.CreatedAt,
            Content = message.Content.ConvertAll(part => part.Clone()),
        }
        : ChatKitJson.Clone(item);

    public void Remove(string id)
    {
        DropText(id);
        for (var i = _items.Count - 1; i >= 0; i--)
        {
            if (_items[i].Id == id)
            {
                _items.RemoveAt(i);
            }
        }
    }

    public void Apply(string itemId, ThreadItemUpdate update)
    {
        if (update is AssistantMessageContentPartTextDelta textDelta && _lastBuffer is not null &&
            textDelta.ContentIndex == _lastContentIndex && string.Equals(itemId, _lastItemId, StringComparison.Ordinal))
        {
            _lastBuffer.Append(textDelta.Delta);
            return;
        }

        var item = Find(itemId);
        switch (item)
        {
            case AssistantMessageItem message when update is AssistantMessageContentPartTextDelta delta:
                var buffer = FindText(itemId, delta.ContentIndex);
                if (buffer is null)
                {
                    // An empty delta makes sure the part exists, with the same checks as a real one.
                    ThreadItemUpdates.Apply(message, new AssistantMessageContentPartTextDelta { ContentIndex = delta.ContentIndex, Delta = string.Empty });
                    buffer = AddText(itemId, delta.ContentIndex);
                }

                buffer.Append(delta.Delta);
                (_lastItemId, _lastContentIndex, _lastBuffer) = (itemId, delta.ContentIndex, buffer);
                break;
            case AssistantMessageItem message:
                // A part added or done replaces that part whole: its buffered text would be folded in only to be
                // thrown away (a string the length of the answer, once per part).
                if (update is AssistantMessageContentPartDone { ContentIndex: var doneIndex })
                {
                    DropText(itemId, doneIndex);
                }
                else if (update is AssistantMessageContentPartAdded { ContentIndex: var addedIndex })
                {
                    DropText(itemId, addedIndex);
                }

                FlushText(itemId);
                ThreadItemUpdates.Apply(message, update);
                break;
            case WorkflowItem workflow:
                ThreadItemUpdates.Apply(workflow, update);
                break;
        }
    }

    private void FlushText(string? itemId)
    {
        for (var i = 0; i < _textCount; i++)
        {
            var (id, index, buffer) = _text![i];
            if ((itemId is null || id == itemId) && buffer.Length > 0 && Find(id) is AssistantMessageItem message)
            {
                ThreadItemUpdates.Apply(message, new AssistantMessageContentPartTextDelta { ContentIndex = index, Delta = buffer.ToString() });
                buffer.Clear();
            }
        }
    }

    private PooledText? FindText(string itemId, int contentIndex)
    {
        for (var i = 0; i < _textCount; i++)
        {
            if (_text![i].ContentIndex == contentIndex && _text[i].ItemId == itemId)
            {
                return _text[i].Buffer;
            }
        }

        return null;
    }

    private PooledText AddText(string itemId, int contentIndex)
    {
        if (_text is null)
        {
            _text = new (string, int, PooledText)[2];
        }
        else if (_textCount == _text.Length)
        {
            Array.Resize(ref _text, _textCount * 2);
        }

        var buffer = new PooledText();
        _text[_textCount++] = (itemId, contentIndex, buffer);
        return buffer;
    }

    private void RemoveTextAt(int index)
    {
        _text![index].Buffer.Dispose();
        _textCount--;
        Array.Copy(_text, index + 1, _text, index, _textCount - index);
        _text[_textCount] = default;
    }

    private ThreadItem? Find(string id)
    {
        foreach (var item in _items)
        {
            if (item.Id == id)
            {
                return item;
            }
        }

        return null;
    }

    private void DropText(string itemId)
    {
        if (_lastItemId == itemId)
        {
            (_lastItemId, _lastBuffer) = (null, null);
        }

        for (var i = _textCount - 1; i >= 0; i--)
        {
            if (_text![i].ItemId == itemId)
            {
                RemoveTextAt(i);
            }
        }
    }

    // One part's buffered text, dropped unread.
    private void DropText(string itemId, int contentIndex)
    {
        if (_lastContentIndex == contentIndex && _lastItemId == itemId)
        {
            (_lastItemId, _lastBuffer) = (null, null);
        }

        for (var i = 0; i < _textCount; i++)
        {
            if (_text![i].ContentIndex == contentIndex && _text[i].ItemId == itemId)
            {
                RemoveTextAt(i);
                return;
            }
        }
    }

    public void Dispose()
    {
        while (_textCount > 0)
        {
            RemoveTextAt(_textCount - 1);
        }

        (_lastItemId, _lastBuffer) = (null, null);
    }
}
