namespace ChatKit.Stores;

/// <summary>Keyset paging over an ordered list, with the protocol's cursor rules.</summary>
public static class Paging
{
    /// <summary>
    /// Takes the page of <paramref name="ascending"/> (sorted oldest first) that starts strictly after
    /// <paramref name="after"/> in <paramref name="order"/>.
    /// </summary>
    /// <exception cref="ChatKitBadRequestException">The cursor is not an element of the list.</exception>
    public static Page<T> Slice<T>(IReadOnlyList<T> ascending, Func<T, string> idOf, int limit, string? after, SortOrder order, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var count = ascending.Count;
        var start = 0;
        if (after is not null)
        {
            var index = -1;
            for (var i = 0; i < count; i++)
            {
                if (idOf(ascending[i]) == after)
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                throw new ChatKitBadRequestException($"Cursor '{after}' is not a {what} of this list.");
            }

            start = order == SortOrder.Asc ? index + 1 : count - index;
        }

        var data = new List<T>(Math.Min(limit, Math.Max(0, count - start)));
        for (var i = start; i < count && data.Count < limit; i++)
        {
            data.Add(order == SortOrder.Asc ? ascending[i] : ascending[count - 1 - i]);
        }

        var hasMore = start + data.Count < count;
        return new Page<T> { Data = data, HasMore = hasMore, After = hasMore ? idOf(data[^1]) : null };
    }

    /// <summary>Projects a page's elements, keeping its cursor.</summary>
    public static Page<TResult> Map<T, TResult>(this Page<T> page, Func<T, TResult> selector) =>
        new() { Data = page.Data.Select(selector).ToList(), HasMore = page.HasMore, After = page.After };
}
