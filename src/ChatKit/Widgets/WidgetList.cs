using System.Collections;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets;

/// <summary>
/// A live, typed view over a JSON array prop of a widget (e.g. <c>children</c> or <c>options</c>): changes made
/// through the list change the JSON. The array is created on the first insertion when the prop is absent.
/// </summary>
/// <typeparam name="T">The element view type.</typeparam>
public sealed class WidgetList<T> : IList<T>, IReadOnlyList<T>
{
    private readonly JsonObject _owner;
    private readonly string _name;
    private readonly Func<JsonNode, T> _wrap;
    private readonly Func<T, JsonNode> _unwrap;
    private readonly Action<T>? _validate;

    internal WidgetList(JsonObject owner, string name, Func<JsonNode, T> wrap, Func<T, JsonNode> unwrap, Action<T>? validate)
    {
        _owner = owner;
        _name = name;
        _wrap = wrap;
        _unwrap = unwrap;
        _validate = validate;
    }

    internal JsonArray? Array => _owner[_name] as JsonArray;

    /// <inheritdoc cref="ICollection{T}.Count" />
    public int Count => Array?.Count ?? 0;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc cref="IList{T}.this" />
    /// <exception cref="InvalidOperationException">The JSON element is null or not of the expected shape.</exception>
    public T this[int index]
    {
        get
        {
            var array = Array ?? throw new ArgumentOutOfRangeException(nameof(index));
            var node = array[index] ?? throw new InvalidOperationException($"Element {index} of '{_name}' is null.");
            return _wrap(node);
        }

        set
        {
            var array = Array ?? throw new ArgumentOutOfRangeException(nameof(index));
            array[index] = Prepare(value);
        }
    }

    /// <inheritdoc />
    public void Add(T item) => EnsureArray().Add(Prepare(item));

    /// <inheritdoc />
    public void Insert(int index, T item) => EnsureArray().Insert(index, Prepare(item));

    /// <inheritdoc />
    public void RemoveAt(int index) => (Array ?? throw new ArgumentOutOfRangeException(nameof(index))).RemoveAt(index);

    /// <inheritdoc />
    public bool Remove(T item)
    {
        var index = IndexOf(item);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    /// <inheritdoc />
    public void Clear() => Array?.Clear();

    /// <summary>Index of the element whose JSON node is <paramref name="item"/>'s node (reference identity).</summary>
    public int IndexOf(T item)
    {
        var array = Array;
        if (array is null || item is null)
        {
            return -1;
        }

        var node = _unwrap(item);
        for (var i = 0; i < array.Count; i++)
        {
            if (ReferenceEquals(array[i], node))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <inheritdoc />
    public void CopyTo(T[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        foreach (var item in this)
        {
            array[arrayIndex++] = item;
        }
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        var array = Array;
        if (array is null)
        {
            yield break;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is { } node)
            {
                yield return _wrap(node);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private JsonArray EnsureArray()
    {
        if (Array is { } array)
        {
            return array;
        }

        array = [];
        _owner[_name] = array;
        return array;
    }

    private JsonNode Prepare(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _validate?.Invoke(item);
        return WidgetJson.Adopt(_unwrap(item));
    }
}
