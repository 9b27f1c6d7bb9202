using System.Text;
using ChatKit.Json;

namespace ChatKit.Server;

/// <summary>
/// Items announced with <c>thread.item.added</c> and not yet done, kept in their latest known state so a cancelled
/// stream can save what the user already saw.
/// </summary>
internal sealed class PendingItems
{
    private readonly List<ThreadItem> _items = [];

    // Text deltas are buffered per content part and folded into the item only when it is read: appending each delta
    // to the part's string copied the whole text on every token (quadratic in the answer's length).
    private readonly Dictionary<(string ItemId, int ContentIndex), StringBuilder> _text = [];

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
        _items.Add(ChatKitJson.Clone(item));
    }

    public void Remove(string id)
    {
        DropText(id);
        _items.RemoveAll(i => i.Id == id);
    }

    public void Apply(string itemId, ThreadItemUpdate update)
    {
        var item = _items.Find(i => i.Id == itemId);
        switch (item)
        {
            case AssistantMessageItem message when update is AssistantMessageContentPartTextDelta delta:
                var key = (itemId, delta.ContentIndex);
                if (!_text.TryGetValue(key, out var buffer))
                {
                    // An empty delta makes sure the part exists, with the same checks as a real one.
                    ThreadItemUpdates.Apply(message, new AssistantMessageContentPartTextDelta { ContentIndex = delta.ContentIndex, Delta = string.Empty });
                    _text[key] = buffer = new StringBuilder();
                }

                buffer.Append(delta.Delta);
                break;
            case AssistantMessageItem message:
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
        if (_text.Count == 0)
        {
            return;
        }

        foreach (var ((id, index), buffer) in _text)
        {
            if ((itemId is null || id == itemId) && buffer.Length > 0 && _items.Find(i => i.Id == id) is AssistantMessageItem message)
            {
                ThreadItemUpdates.Apply(message, new AssistantMessageContentPartTextDelta { ContentIndex = index, Delta = buffer.ToString() });
                buffer.Clear();
            }
        }
    }

    private void DropText(string itemId)
    {
        if (_text.Count == 0)
        {
            return;
        }

        foreach (var key in _text.Keys.Where(k => k.ItemId == itemId).ToList())
        {
            _text.Remove(key);
        }
    }
}
