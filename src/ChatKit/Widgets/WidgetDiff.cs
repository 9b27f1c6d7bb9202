using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets;

/// <summary>
/// Computes the <c>thread.item.updated</c> updates that take a client from one widget state to the next, with the
/// reference algorithm (docs/widgets.md §5.2).
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Full-replace check, recursively from the roots: <c>type</c>, <c>id</c> or <c>key</c> differ, or any prop set on
/// either side differs. Lists must have the same length and are compared element by element; <c>children</c> elements
/// are compared with this same check; anything else must be equal. Exception: the <c>value</c> of a Text/Markdown
/// node (a string on both sides) may grow by appending. A full replace is one <c>widget.root.updated</c> with the new
/// root.</item>
/// <item>Otherwise, one <c>widget.streaming_text.value_delta</c> per Text/Markdown node that has an id and whose value
/// grew, in document order, with <c>done</c> = not <c>streaming</c>. Appends to nodes without an id produce nothing.</item>
/// </list>
/// <para>
/// Never produces <c>widget.component.updated</c>. Where the reference throws (a prop present on one side only of a
/// template-built widget; a streaming node missing before or not growing by appending), this emits
/// <c>widget.root.updated</c> instead. Null props count as absent, as they are never written. Nodes inside a
/// single-object <c>children</c> (Transition) are walked too, so they stream like any other node.
/// </para>
/// </remarks>
public static class WidgetDiff
{
    /// <summary>The updates from <paramref name="before"/> to <paramref name="after"/> (empty when nothing visible changed).</summary>
    public static IReadOnlyList<ThreadItemUpdate> Diff(WidgetRoot before, WidgetRoot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (RequiresFullReplace(before.Json, after.Json))
        {
            return [new WidgetRootUpdated { Widget = after }];
        }

        var beforeNodes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        CollectStreamingText(before.Json, beforeNodes, order: null);
        var afterNodes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var order = new List<string>();
        CollectStreamingText(after.Json, afterNodes, order);

        List<ThreadItemUpdate>? updates = null;
        foreach (var id in order)
        {
            var afterNode = afterNodes[id];
            if (!beforeNodes.TryGetValue(id, out var beforeNode))
            {
                return [new WidgetRootUpdated { Widget = after }];
            }

            var beforeValue = beforeNode["value"]!.GetValue<string>();
            var afterValue = afterNode["value"]!.GetValue<string>();
            if (string.Equals(beforeValue, afterValue, StringComparison.Ordinal))
            {
                continue;
            }

            if (!afterValue.StartsWith(beforeValue, StringComparison.Ordinal))
            {
                return [new WidgetRootUpdated { Widget = after }];
            }

            (updates ??= []).Add(new WidgetStreamingTextValueDelta
            {
                ComponentId = id,
                Delta = afterValue[beforeValue.Length..],
                Done = !WidgetJson.IsTruthy(afterNode["streaming"]),
            });
        }

        return updates is null ? [] : updates;
    }

    /// <summary>Whether going from <paramref name="before"/> to <paramref name="after"/> needs <c>widget.root.updated</c> (step 1 of the algorithm).</summary>
    public static bool RequiresFullReplace(JsonObject before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!WidgetJson.DeepEquals(before["type"], after["type"])
            || !WidgetJson.DeepEquals(before["id"], after["id"])
            || !WidgetJson.DeepEquals(before["key"], after["key"]))
        {
            return true;
        }

        var appendable = IsStreamingText(before) && IsStreamingText(after);
        var nonNull = 0;
        foreach (var (name, beforeValue) in before)
        {
            if (beforeValue is null)
            {
                continue;
            }

            nonNull++;
            if (name is "type" or "id" or "key")
            {
                continue;
            }

            var afterValue = after[name];
            if (appendable && name == "value"
                && afterValue!.GetValue<string>().StartsWith(beforeValue.GetValue<string>(), StringComparison.Ordinal))
            {
                continue;
            }

            if (name == "children" ? ChildrenDiffer(beforeValue, afterValue) : ValuesDiffer(beforeValue, afterValue))
            {
                return true;
            }
        }

        // Every non-null prop of the old state has a counterpart; any other non-null prop was added.
        return WidgetJson.CountNonNull(after) != nonNull;
    }

    private static bool ChildrenDiffer(JsonNode? before, JsonNode? after)
    {
        switch (before)
        {
            case JsonArray a when after is JsonArray b:
                if (a.Count != b.Count)
                {
                    return true;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (ElementDiffers(a[i], b[i]))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return ElementDiffers(before, after);
        }
    }

    private static bool ElementDiffers(JsonNode? before, JsonNode? after) =>
        before is JsonObject a && after is JsonObject b && WidgetComponent.IsComponent(a) && WidgetComponent.IsComponent(b)
            ? RequiresFullReplace(a, b)
            : ValuesDiffer(before, after);

    private static bool ValuesDiffer(JsonNode? before, JsonNode? after)
    {
        if (before is JsonArray a && after is JsonArray b)
        {
            if (a.Count != b.Count)
            {
                return true;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!WidgetJson.DeepEquals(a[i], b[i]))
                {
                    return true;
                }
            }

            return false;
        }

        return !WidgetJson.DeepEquals(before, after);
    }

    private static bool IsStreamingText(JsonObject node)
    {
        var type = node["type"];
        return (WidgetJson.IsString(type, Text.TypeName) || WidgetJson.IsString(type, Markdown.TypeName))
            && node["value"] is JsonValue value && value.GetValueKind() == JsonValueKind.String;
    }

    private static void CollectStreamingText(JsonObject node, Dictionary<string, JsonObject> nodes, List<string>? order)
    {
        if (IsStreamingText(node) && node["id"] is JsonValue idValue && idValue.GetValueKind() == JsonValueKind.String
            && idValue.GetValue<string>() is { Length: > 0 } id)
        {
            // Like the reference's dict: the first occurrence fixes the position, the last one the node.
            if (nodes.TryAdd(id, node))
            {
                order?.Add(id);
            }
            else
            {
                nodes[id] = node;
            }
        }

        switch (node["children"])
        {
            case JsonArray children:
                foreach (var child in children)
                {
                    if (child is JsonObject o)
                    {
                        CollectStreamingText(o, nodes, order);
                    }
                }

                break;
            case JsonObject single:
                CollectStreamingText(single, nodes, order);
                break;
        }
    }
}
