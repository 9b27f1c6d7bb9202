namespace ChatKit.Stores;

/// <summary>An entry of <see cref="SortedEntries{T}"/>: ordered by creation time, ties broken by insertion sequence.</summary>
internal interface ISortedEntry
{
    DateTimeOffset CreatedAt { get; }

    /// <summary>Unique within a store, so (created_at, sequence) identifies an entry.</summary>
    long Sequence { get; }
}
