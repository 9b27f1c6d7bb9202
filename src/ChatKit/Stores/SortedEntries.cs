namespace ChatKit.Stores;

/// <summary>
/// Entries ordered by (created_at, insertion sequence), the order every list pages through; the in-memory store's
/// per-user threads and per-thread items.
/// </summary>
/// <remarks>
/// A mutable struct, held in a field (or a dictionary value reached by ref) and never copied while in use: a list of
/// this kind costs its one array and nothing on top, where a <see cref="List{T}"/> in a wrapper cost two more objects per
/// thread for the collector to trace, kept for the life of the store.
/// </remarks>
internal struct SortedEntries<T>
    where T : class, ISortedEntry
{
    private const int InitialCapacity = 4;
    private T[]? _items;
    private int _count;

    public readonly int Count => _count;

    /// <summary>A read-only view of the entries, oldest first; valid until the next change.</summary>
    public readonly IReadOnlyList<T> Items => _items is null ? [] : new ArraySegment<T>(_items, 0, _count);

    public readonly T this[int index] => (uint)index < (uint)_count ? _items![index] : throw new ArgumentOutOfRangeException(nameof(index));

    // New threads and items are usually the newest: appending skips the search through a list that can be long.
    public void Add(T entry)
    {
        if (_count == 0 || Compare(_items![_count - 1], entry) < 0)
        {
            Insert(_count, entry);
            return;
        }

        var index = Find(entry);
        Insert(index < 0 ? ~index : index, entry);
    }

    public void Remove(T entry)
    {
        if (_count > 0 && ReferenceEquals(_items![_count - 1], entry))
        {
            RemoveAt(_count - 1);
            return;
        }

        var index = Find(entry);
        if (index >= 0)
        {
            RemoveAt(index);
        }
    }

    private void Insert(int index, T entry)
    {
        if (_items is null)
        {
            _items = new T[InitialCapacity];
        }
        else if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        if (index < _count)
        {
            Array.Copy(_items, index, _items, index + 1, _count - index);
        }

        _items[index] = entry;
        _count++;
    }

    private void RemoveAt(int index)
    {
        _count--;
        if (index < _count)
        {
            Array.Copy(_items!, index + 1, _items!, index, _count - index);
        }

        _items![_count] = null!;
    }

    private readonly int Find(T entry)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var comparison = Compare(_items![middle], entry);
            if (comparison == 0)
            {
                return middle;
            }

            if (comparison < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private static int Compare(T a, T b)
    {
        var comparison = a.CreatedAt.CompareTo(b.CreatedAt);
        return comparison != 0 ? comparison : a.Sequence.CompareTo(b.Sequence);
    }
}
