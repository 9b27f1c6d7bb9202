using System.Text;
using ChatKit.Stores;

namespace ChatKit.Server;

/// <summary>
/// Cuts a page short when its entries would exceed <see cref="ChatKitServerOptions.MaxPageBytes"/>: the rest is
/// reached through <c>has_more</c> and the cursor, like any other page. The first entry is always kept, so paging
/// always advances.
/// </summary>
internal static class PageBudget
{
    public static Page<T> Trim<T>(Page<T> page, long maxBytes, Func<T, long> sizeOf, Func<T, string> idOf)
    {
        long used = 0;
        for (var i = 0; i < page.Data.Count; i++)
        {
            used += sizeOf(page.Data[i]);
            if (used > maxBytes && i > 0)
            {
                return new Page<T> { Data = page.Data.Take(i).ToList(), HasMore = true, After = idOf(page.Data[i - 1]) };
            }
        }

        return page;
    }

    /// <summary>An upper estimate of a listed thread's JSON: its strings (escaping can triple them) and the fixed fields.</summary>
    public static long ThreadBytes(ThreadMetadata thread) =>
        128 + (3L * (Encoding.UTF8.GetByteCount(thread.Title ?? string.Empty) + thread.Id.Length));

    /// <summary>A stored item's JSON; hidden items are never sent, so they cost nothing.</summary>
    public static long StoredItemBytes(StoredItemJson item) => item.IsHidden ? 0 : item.Json.Length;
}
