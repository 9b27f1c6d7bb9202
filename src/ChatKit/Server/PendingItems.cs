using ChatKit.Json;

namespace ChatKit.Server;

/// <summary>
/// Items announced with <c>thread.item.added</c> and not yet done, kept in their latest known state so a cancelled
/// stream can save what the user already saw.
/// </summary>
internal sealed class PendingItems
{
    private readonly List<ThreadItem> _items = [];

    public IReadOnlyList<ThreadItem> Items => _items;

    public void Add(ThreadItem item)
    {
        Remove(item.Id);
        _items.Add(ChatKitJson.Clone(item));
    }

    public void Remove(string id) => _items.RemoveAll(i => i.Id == id);

    public void Apply(string itemId, ThreadItemUpdate update)
    {
        var item = _items.Find(i => i.Id == itemId);
        switch (item)
        {
            case AssistantMessageItem message:
                ThreadItemUpdates.Apply(message, update);
                break;
            case WorkflowItem workflow:
                ThreadItemUpdates.Apply(workflow, update);
                break;
        }
    }
}
