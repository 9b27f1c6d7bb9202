using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets;

/// <summary>One problem found by <see cref="WidgetValidation.Validate"/>.</summary>
/// <param name="Path">Where, e.g. <c>$.children[0].children[1]</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record WidgetValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// Structural checks the typed builders enforce but parsed JSON may violate: the root type, the ListView ↔ ListViewItem
/// rule, nodes without a string <c>type</c>, and icon names. Wire handling never rejects widgets (the client decides
/// what it renders); call this in tests or before sending hand-assembled JSON.
/// </summary>
public static class WidgetValidation
{
    /// <summary>All problems of the tree (empty when valid).</summary>
    public static IReadOnlyList<WidgetValidationError> Validate(WidgetComponent root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var errors = new List<WidgetValidationError>();
        if (root is not WidgetRoot && !WidgetRoot.IsRootType(root.Type))
        {
            errors.Add(new("$", $"A widget root must be a Card, ListView or Basic, not '{root.Type}'."));
        }

        Walk(root.Json, "$", parentType: null, errors);
        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds problems.</summary>
    /// <exception cref="ArgumentException">The tree is invalid; the message lists every problem.</exception>
    public static void EnsureValid(WidgetComponent root)
    {
        var errors = Validate(root);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid widget: " + string.Join("; ", errors), nameof(root));
        }
    }

    private static void Walk(JsonObject node, string path, string? parentType, List<WidgetValidationError> errors)
    {
        if (!WidgetComponent.IsComponent(node))
        {
            errors.Add(new(path, "A widget node needs a string 'type'."));
            return;
        }

        var type = node["type"]!.GetValue<string>();
        if (type == ListViewItem.TypeName && parentType != ListView.TypeName)
        {
            errors.Add(new(path, "A ListViewItem can only be a direct child of a ListView."));
        }

        CheckIcon(node, path, type == Icon.TypeName ? "name" : null, errors);
        if (type == Button.TypeName)
        {
            CheckIcon(node, path, "iconStart", errors);
            CheckIcon(node, path, "iconEnd", errors);
        }

        if (node["status"] is JsonObject status)
        {
            CheckIcon(status, path + ".status", "icon", errors);
        }

        switch (node["children"])
        {
            case JsonArray children:
                for (var i = 0; i < children.Count; i++)
                {
                    var childPath = $"{path}.children[{i}]";
                    switch (children[i])
                    {
                        case null:
                            continue;
                        case JsonObject child:
                            if (type == ListView.TypeName && !(WidgetComponent.IsComponent(child) && child["type"]!.GetValue<string>() == ListViewItem.TypeName))
                            {
                                errors.Add(new(childPath, "A ListView can only contain ListViewItem nodes."));
                            }

                            Walk(child, childPath, type, errors);
                            break;
                        default:
                            errors.Add(new(childPath, "A child must be a widget object."));
                            break;
                    }
                }

                break;
            case JsonObject single:
                Walk(single, path + ".children", type, errors);
                break;
        }
    }

    private static void CheckIcon(JsonObject node, string path, string? prop, List<WidgetValidationError> errors)
    {
        if (prop is null || node[prop] is not { } value)
        {
            return;
        }

        if (value.GetValueKind() != JsonValueKind.String || !IconName.IsValid(value.GetValue<string>()))
        {
            errors.Add(new($"{path}.{prop}", $"{WidgetJson.Preview(value)} is not a ChatKit icon name (built-in, 'vendor:…' or 'lucide:…')."));
        }
    }
}
