using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets;

/// <summary>
/// Hand-written widget updates (<c>widget.component.updated</c>, <c>widget.root.updated</c>, text deltas) and their
/// application to a widget, the way the client applies them.
/// </summary>
public static class WidgetUpdates
{
    /// <summary>
    /// A <c>thread.item.updated</c> replacing the node whose id is <paramref name="component"/>'s id (the reference never
    /// produces this from a diff; use it for targeted changes, e.g. a status text).
    /// </summary>
    /// <exception cref="ArgumentException">The component has no id.</exception>
    public static ThreadItemUpdatedEvent ComponentUpdated(string itemId, WidgetComponent component)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        ArgumentNullException.ThrowIfNull(component);
        var id = component.Id;
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException("widget.component.updated needs a component with an id.", nameof(component));
        }

        return new ThreadItemUpdatedEvent { ItemId = itemId, Update = new WidgetComponentUpdated { ComponentId = id, Component = component.Clone() } };
    }

    /// <summary>A <c>thread.item.updated</c> replacing the whole widget.</summary>
    public static ThreadItemUpdatedEvent RootUpdated(string itemId, WidgetRoot widget)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        ArgumentNullException.ThrowIfNull(widget);
        return new ThreadItemUpdatedEvent { ItemId = itemId, Update = new WidgetRootUpdated { Widget = widget.Clone() } };
    }

    /// <summary>A <c>thread.item.updated</c> appending <paramref name="delta"/> to the value of the Text/Markdown node <paramref name="componentId"/>.</summary>
    public static ThreadItemUpdatedEvent TextDelta(string itemId, string componentId, string delta, bool done)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        ArgumentException.ThrowIfNullOrEmpty(componentId);
        ArgumentNullException.ThrowIfNull(delta);
        return new ThreadItemUpdatedEvent
        {
            ItemId = itemId,
            Update = new WidgetStreamingTextValueDelta { ComponentId = componentId, Delta = delta, Done = done },
        };
    }

    /// <summary>
    /// Applies a widget update to <paramref name="item"/>'s widget (other update kinds are ignored): value deltas append
    /// to the node's <c>value</c>, component updates replace the node with that id, root updates replace the widget.
    /// </summary>
    /// <exception cref="InvalidOperationException">No node has the update's component id.</exception>
    public static void Apply(WidgetItem item, ThreadItemUpdate update)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Widget = Apply(item.Widget, update);
    }

    /// <summary>
    /// Applies a widget update and returns the resulting root: the same instance, changed in place, for value deltas and
    /// component updates; a copy of the new root for root updates; <paramref name="root"/> unchanged for other updates.
    /// </summary>
    /// <exception cref="InvalidOperationException">No node has the update's component id, or a delta targets a non-string value.</exception>
    public static WidgetRoot Apply(WidgetRoot root, ThreadItemUpdate update)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(update);
        switch (update)
        {
            case WidgetRootUpdated replaced:
                return replaced.Widget.Clone();
            case WidgetStreamingTextValueDelta delta:
            {
                var node = FindNode(root.Json, delta.ComponentId) ?? throw NotFound(delta.ComponentId);
                var current = node["value"] switch
                {
                    null => string.Empty,
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                    _ => throw new InvalidOperationException($"Component '{delta.ComponentId}' has a non-string value."),
                };
                node["value"] = current + delta.Delta;
                return root;
            }

            case WidgetComponentUpdated replaced:
            {
                var replacement = replaced.Component.Json.DeepClone();
                if (root.Id == replaced.ComponentId)
                {
                    return WidgetRoot.FromJson(replacement.AsObject());
                }

                var node = FindNode(root.Json, replaced.ComponentId) ?? throw NotFound(replaced.ComponentId);
                switch (node.Parent)
                {
                    case JsonArray array:
                        array[node.GetElementIndex()] = replacement;
                        break;
                    case JsonObject parent:
                        parent[node.GetPropertyName()] = replacement;
                        break;
                }

                return root;
            }

            default:
                return root;
        }
    }

    private static InvalidOperationException NotFound(string id) => new($"The widget has no component with id '{id}'.");

    private static JsonObject? FindNode(JsonObject node, string id)
    {
        if (node["id"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == id)
        {
            return node;
        }

        switch (node["children"])
        {
            case JsonArray children:
                foreach (var child in children)
                {
                    if (child is JsonObject o && FindNode(o, id) is { } found)
                    {
                        return found;
                    }
                }

                break;
            case JsonObject single:
                return FindNode(single, id);
        }

        return null;
    }
}
