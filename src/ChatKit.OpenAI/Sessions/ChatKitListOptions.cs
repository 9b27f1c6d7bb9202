namespace ChatKit.OpenAI.Sessions;

/// <summary>Cursor pagination of the ChatKit list APIs; unset members are left to the API's defaults.</summary>
public class ChatKitListOptions
{
    /// <summary>Return objects after this identifier (the previous page's <see cref="ChatKitPage{T}.LastId"/>).</summary>
    public string? After { get; set; }

    /// <summary>Return objects before this identifier.</summary>
    public string? Before { get; set; }

    /// <summary>The page size (the API defaults to 20).</summary>
    public int? Limit { get; set; }

    /// <summary>Sort order by creation time: <c>asc</c> or <c>desc</c> (the API default).</summary>
    public string? Order { get; set; }

    internal virtual void AppendQuery(List<KeyValuePair<string, string>> query)
    {
        if (After is not null) query.Add(new("after", After));
        if (Before is not null) query.Add(new("before", Before));
        if (Limit is int limit) query.Add(new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (Order is not null) query.Add(new("order", Order));
    }
}
