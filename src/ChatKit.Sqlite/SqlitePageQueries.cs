using ChatKit.Stores;

namespace ChatKit.Sqlite;

/// <summary>
/// The statements that read one page of threads or items: keyset paging strictly after the cursor's
/// (created_at, seq) in the requested order, with one extra row to tell whether there is more.
/// </summary>
/// <remarks>Internal rather than private so the tests can ask SQLite how it plans exactly these statements.</remarks>
internal static class SqlitePageQueries
{
    /// <summary>The four thread-list statements (see <see cref="For"/>); parameters <c>$user</c>, <c>$take</c>.</summary>
    public static readonly IReadOnlyList<string> Threads = Statements("threads", "json", "user_id = $user");

    /// <summary>The four item-list statements (see <see cref="For"/>); parameters <c>$user</c>, <c>$thread</c>, <c>$take</c>.</summary>
    public static readonly IReadOnlyList<string> Items = Statements("items", "id, json, client_json, type", "user_id = $user AND thread_id = $thread");

    /// <summary>Picks the statement for the first page or a page after a cursor (<c>$cursor_created_at</c>, <c>$cursor_seq</c>), in either order.</summary>
    public static string For(IReadOnlyList<string> statements, bool hasCursor, SortOrder order) =>
        statements[(hasCursor ? 2 : 0) + (order == SortOrder.Asc ? 0 : 1)];

    // Built once: the text only depends on the list, the order and whether there is a cursor.
    private static string[] Statements(string table, string columns, string scope) =>
    [
        Text(table, columns, scope, hasCursor: false, SortOrder.Asc),
        Text(table, columns, scope, hasCursor: false, SortOrder.Desc),
        Text(table, columns, scope, hasCursor: true, SortOrder.Asc),
        Text(table, columns, scope, hasCursor: true, SortOrder.Desc),
    ];

    private static string Text(string table, string columns, string scope, bool hasCursor, SortOrder order)
    {
        var (comparison, direction) = order == SortOrder.Asc ? (">", "ASC") : ("<", "DESC");
        var keyset = hasCursor ? $" AND (created_at, seq) {comparison} ($cursor_created_at, $cursor_seq)" : string.Empty;
        return $"SELECT {columns} FROM {table} WHERE {scope}{keyset} ORDER BY created_at {direction}, seq {direction} LIMIT $take";
    }
}
