using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit.Widgets;

/// <summary>
/// A node of a widget tree: a typed view (<see cref="Text"/>, <see cref="Button"/>, …) over its JSON. Unknown component
/// types read as a plain <see cref="WidgetComponent"/>; unknown props are kept and written back untouched.
/// </summary>
/// <remarks>
/// Build trees with object initializers and collection expressions; read them with <see cref="FromJson"/> or
/// <see cref="Parse"/>. Null props are dropped recursively on output (docs/widgets.md §2).
/// </remarks>
[JsonConverter(typeof(WidgetComponentJsonConverter))]
public partial class WidgetComponent : WidgetObject
{
    private readonly string _type;

    /// <summary>Creates a component of any type (for components without a typed class); set props with the indexer.</summary>
    /// <example><c>new WidgetComponent("MyChip") { ["label"] = "New" }</c></example>
    public WidgetComponent(string type)
        : base(new JsonObject { ["type"] = type })
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        _type = type;
    }

    /// <summary>Wraps a widget node as-is (no copy, no typed dispatch; prefer <see cref="FromJson"/>).</summary>
    /// <exception cref="ArgumentException">The node has no string <c>type</c>.</exception>
    public WidgetComponent(JsonObject json)
        : base(json)
    {
        _type = RequireType(json, nameof(json));
    }

    /// <summary>The component name, e.g. <c>Card</c>, <c>Text</c> or <c>Table.Row</c>.</summary>
    public string Type => _type;

    /// <summary>Identity for streaming deltas and <c>widget.component.updated</c>.</summary>
    public string? Id { get => GetString("id"); set => SetString("id", value); }

    /// <summary>React-style identity hint among siblings.</summary>
    public string? Key { get => GetString("key"); set => SetString("key", value); }

    /// <summary>Wraps a node as its typed view (<see cref="Text"/> for <c>"type":"Text"</c>, …), without copying it.</summary>
    /// <exception cref="ArgumentException">The node has no string <c>type</c>.</exception>
    public static WidgetComponent FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Wrap(json, RequireType(json, nameof(json)));
    }

    /// <summary>Parses a component from JSON text.</summary>
    /// <exception cref="JsonException">The text is not a JSON object with a string <c>type</c>.</exception>
    public static WidgetComponent Parse(string json)
    {
        try
        {
            return FromJson(JsonNode.Parse(json) as JsonObject ?? throw new JsonException("A widget component must be a JSON object."));
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <summary>A deep copy, as the same typed view.</summary>
    public WidgetComponent Clone() => FromJson(Json.DeepClone().AsObject());

    /// <summary>The direct child components (from <c>children</c>, an array or a single object).</summary>
    public IEnumerable<WidgetComponent> EnumerateChildren()
    {
        switch (Json["children"])
        {
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is JsonObject o && IsComponent(o))
                    {
                        yield return FromJson(o);
                    }
                }

                break;
            case JsonObject single when IsComponent(single):
                yield return FromJson(single);
                break;
        }
    }

    /// <summary>This component and all its descendants, depth-first in document order.</summary>
    public IEnumerable<WidgetComponent> DescendantsAndSelf()
    {
        var stack = new Stack<WidgetComponent>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            var children = current.EnumerateChildren().ToList();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>The first component (in document order) with this id, or null.</summary>
    public WidgetComponent? FindById(string id) => DescendantsAndSelf().FirstOrDefault(c => c.Id == id);

    /// <summary>The first component with this id, as <typeparamref name="T"/>, or null.</summary>
    /// <exception cref="InvalidOperationException">The component exists but is not a <typeparamref name="T"/>.</exception>
    public T? FindById<T>(string id)
        where T : WidgetComponent =>
        FindById(id) switch
        {
            null => null,
            T t => t,
            var other => throw new InvalidOperationException($"Component '{id}' is a {other.Type}, not a {typeof(T).Name}."),
        };

    internal static bool IsComponent(JsonObject json) =>
        json["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String;

    private protected override string DescribeOwner() => Type;

    private protected override void SetNode(string name, JsonNode? value)
    {
        if (name == "type")
        {
            throw new InvalidOperationException("A component's 'type' is fixed; create a new component instead.");
        }

        base.SetNode(name, value);
    }

    private protected InvalidOperationException Missing(string name) =>
        new($"Widget prop {Describe(name)} is required but missing.");

    private protected static JsonObject AsObject(JsonNode node, string name) =>
        node as JsonObject ?? throw new InvalidOperationException($"An element of '{name}' is {WidgetJson.Preview(node)}, not an object.");

    private protected static WidgetComponent WrapComponent(JsonNode node) => FromJson(AsObject(node, "children"));

    private protected static T Wrap<T>(JsonNode node)
        where T : WidgetComponent =>
        FromJson(AsObject(node, "children")) as T
        ?? throw new InvalidOperationException($"An element of 'children' is a {FromJson(node.AsObject()).Type}, not a {typeof(T).Name}.");

    private protected static void NotListViewItem(WidgetComponent component)
    {
        if (component.Type == ListViewItem.TypeName)
        {
            throw new ArgumentException("A ListViewItem can only be a direct child of a ListView.", nameof(component));
        }
    }
}

/// <summary>
/// The root of a widget tree: <see cref="Card"/>, <see cref="ListView"/> or <see cref="Basic"/>. This is what a
/// <c>widget</c> item and <c>widget.root.updated</c> carry.
/// </summary>
[JsonConverter(typeof(WidgetRootJsonConverter))]
public class WidgetRoot : WidgetComponent
{
    private protected WidgetRoot(string type)
        : base(type)
    {
    }

    /// <summary>Wraps a root node as-is (no copy, no typed dispatch; prefer <see cref="FromJson"/>).</summary>
    /// <exception cref="ArgumentException">The node is not a Card, ListView or Basic.</exception>
    public WidgetRoot(JsonObject json)
        : base(json)
    {
        if (!IsRootType(Type))
        {
            throw new ArgumentException($"A widget root must be a Card, ListView or Basic, not '{Type}'.", nameof(json));
        }
    }

    /// <summary>Whether <paramref name="type"/> is a root type (Card, ListView, Basic).</summary>
    public static bool IsRootType(string? type) => type is Card.TypeName or ListView.TypeName or Basic.TypeName;

    /// <summary>Wraps a root node as its typed view, without copying it.</summary>
    /// <exception cref="ArgumentException">The node is not a Card, ListView or Basic.</exception>
    public static new WidgetRoot FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var type = RequireType(json, nameof(json));
        return IsRootType(type)
            ? (WidgetRoot)WidgetComponent.FromJson(json)
            : throw new ArgumentException($"A widget root must be a Card, ListView or Basic, not '{type}'.", nameof(json));
    }

    /// <summary>Parses a root from JSON text (e.g. a rendered template).</summary>
    /// <exception cref="JsonException">The text is not a Card, ListView or Basic object.</exception>
    public static new WidgetRoot Parse(string json)
    {
        try
        {
            return FromJson(JsonNode.Parse(json) as JsonObject ?? throw new JsonException("A widget root must be a JSON object."));
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <summary>A deep copy, as the same typed view.</summary>
    public new WidgetRoot Clone() => FromJson(Json.DeepClone().AsObject());
}

/// <summary>A Text or Markdown node, whose <c>value</c> can stream as deltas.</summary>
public interface IStreamingText
{
    /// <summary>The node id (required for deltas).</summary>
    string? Id { get; set; }

    /// <summary>The text.</summary>
    string Value { get; set; }

    /// <summary>True while text is arriving.</summary>
    bool? Streaming { get; set; }
}

/// <summary>Reads a widget node as its typed view; writes it dropping null props recursively, as the reference does.</summary>
public sealed class WidgetComponentJsonConverter : JsonConverter<WidgetComponent>
{
    /// <inheritdoc />
    public override WidgetComponent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return WidgetComponent.FromJson(ReadObject(ref reader));
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WidgetComponent value, JsonSerializerOptions options) =>
        WidgetJson.WriteWithoutNulls(writer, value.Json);

    internal static JsonObject ReadObject(ref Utf8JsonReader reader) =>
        JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("A widget component must be a JSON object.");
}

/// <summary>Reads and writes a widget root.</summary>
public sealed class WidgetRootJsonConverter : JsonConverter<WidgetRoot>
{
    /// <inheritdoc />
    public override WidgetRoot Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return WidgetRoot.FromJson(WidgetComponentJsonConverter.ReadObject(ref reader));
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WidgetRoot value, JsonSerializerOptions options) =>
        WidgetJson.WriteWithoutNulls(writer, value.Json);
}
