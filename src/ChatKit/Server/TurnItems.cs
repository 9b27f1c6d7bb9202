namespace ChatKit.Server;

/// <summary>
/// The items a handler added during one turn, in order, so a rejected turn can remove them again
/// (<see cref="ChatKitTurnRejectedException"/>). Only item events are tracked, never text deltas.
/// </summary>
internal sealed class TurnItems
{
    private readonly List<(string ItemId, bool Hidden)> _items = [];

    public void Track(ThreadStreamEvent e)
    {
        switch (e)
        {
            case ThreadItemAddedEvent added:
                Add(added.Item);
                break;
            case ThreadItemDoneEvent done:
                Add(done.Item);
                break;
            case ThreadItemRemovedEvent removed:
                _items.RemoveAll(i => i.ItemId == removed.ItemId);
                break;
        }
    }

    public IEnumerable<(string ItemId, bool Hidden)> NewestFirst()
    {
        for (var i = _items.Count - 1; i >= 0; i--)
        {
            yield return _items[i];
        }
    }

    // A loop, not List.Exists: its predicate would capture the item, two allocations per tracked event.
    private void Add(ThreadItem item)
    {
        foreach (var (id, _) in _items)
        {
            if (id == item.Id)
            {
                return;
            }
        }

        _items.Add((item.Id, item.IsHidden));
    }
}
