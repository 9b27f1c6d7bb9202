using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit;

/// <summary>A thread as the store keeps it. Never sent as-is: the server builds a <see cref="ChatThread"/> from it.</summary>
public sealed class ThreadMetadata
{
    /// <summary>The thread id (<c>thr_…</c> by default).</summary>
    public required string Id { get; init; }

    /// <summary>When the thread was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The title; threads start untitled.</summary>
    public string? Title { get; set; }

    /// <summary>Active, locked or closed.</summary>
    public ThreadStatus Status { get; set; } = ThreadStatus.Active;

    /// <summary>Domains the client may load Markdown images from; passed through untouched.</summary>
    public List<string>? AllowedImageDomains { get; set; }

    /// <summary>Integration-private data; stored but never sent to the client.</summary>
    /// <remarks>Created on first use (setting null empties it): most threads never have any, and the server copies and
    /// compares the thread after every event of a turn.</remarks>
    public JsonObject Metadata
    {
        get => _metadata ??= [];
        set => _metadata = value;
    }

    /// <summary>The metadata object if one was ever created or set; null stands for empty.</summary>
    internal JsonObject? MetadataIfCreated => _metadata;

    private JsonObject? _metadata;

    /// <summary>A deep copy, used to detect changes made by handlers.</summary>
    public ThreadMetadata Clone() => new()
    {
        Id = Id,
        CreatedAt = CreatedAt,
        Title = Title,
        Status = Status,
        AllowedImageDomains = AllowedImageDomains is null ? null : [.. AllowedImageDomains],
        _metadata = _metadata is null ? null : (JsonObject)_metadata.DeepClone(),
    };

    /// <summary>Whether any stored field differs from <paramref name="other"/> (including private metadata).</summary>
    public bool ContentEquals(ThreadMetadata other) =>
        Id == other.Id &&
        CreatedAt == other.CreatedAt &&
        Title == other.Title &&
        Status.ContentEquals(other.Status) &&
        (AllowedImageDomains is null
            ? other.AllowedImageDomains is null
            : other.AllowedImageDomains is not null && AllowedImageDomains.SequenceEqual(other.AllowedImageDomains)) &&
        MetadataEquals(_metadata, other._metadata);

    // The server compares the handler's thread with its last saved copy after every event, text deltas included;
    // metadata is usually empty (often never created), and two empty objects need no deep comparison.
    private static bool MetadataEquals(JsonObject? a, JsonObject? b) =>
        ReferenceEquals(a, b) || (IsEmpty(a) ? IsEmpty(b) : b is not null && JsonNode.DeepEquals(a, b));

    private static bool IsEmpty(JsonObject? metadata) => metadata is null || metadata.Count == 0;

    /// <summary>The client-facing view of this thread with the given item page.</summary>
    public ChatThread ToResponse(Page<ThreadItem>? items = null) => new()
    {
        Id = Id,
        CreatedAt = CreatedAt,
        Title = Title,
        Status = Status,
        AllowedImageDomains = AllowedImageDomains,
        Items = items ?? Page<ThreadItem>.Empty,
    };
}

/// <summary>A thread as sent to the client: never carries stored metadata.</summary>
public sealed class ChatThread
{
    /// <summary>The title, omitted while untitled.</summary>
    [JsonPropertyOrder(-2)]
    public string? Title { get; init; }

    /// <summary>The thread id.</summary>
    public required string Id { get; init; }

    /// <summary>When the thread was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Active, locked or closed.</summary>
    public ThreadStatus Status { get; set; } = ThreadStatus.Active;

    /// <summary>Domains the client may load Markdown images from.</summary>
    public IReadOnlyList<string>? AllowedImageDomains { get; init; }

    /// <summary>Always <c>{}</c> on the wire: stored metadata is private to the integration.</summary>
    public JsonObject Metadata => [];

    /// <summary>A page of items: the first page for <c>threads.get_by_id</c>, otherwise empty.</summary>
    public Page<ThreadItem> Items { get; set; } = Page<ThreadItem>.Empty;

    /// <summary>The thread's running turn, if any (our extension, docs/protocol.md §16.4); omitted otherwise.</summary>
    public ActiveRun? ActiveRun { get; set; }
}

/// <summary>Whether a thread accepts new messages (the server does not enforce it; the client does).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActiveThreadStatus), "active")]
[JsonDerivedType(typeof(LockedThreadStatus), "locked")]
[JsonDerivedType(typeof(ClosedThreadStatus), "closed")]
public abstract class ThreadStatus
{
    private protected ThreadStatus()
    {
    }

    /// <summary>The normal state.</summary>
    public static ThreadStatus Active { get; } = new ActiveThreadStatus();

    /// <summary>The composer is shown but disabled; the reason is its placeholder.</summary>
    public static ThreadStatus Locked(string? reason = null) => new LockedThreadStatus { Reason = reason };

    /// <summary>The composer is replaced by a banner.</summary>
    public static ThreadStatus Closed(string? reason = null) => new ClosedThreadStatus { Reason = reason };

    internal abstract bool ContentEquals(ThreadStatus other);
}

/// <summary>The thread is active.</summary>
public sealed class ActiveThreadStatus : ThreadStatus
{
    internal override bool ContentEquals(ThreadStatus other) => other is ActiveThreadStatus;
}

/// <summary>The thread is locked.</summary>
public sealed class LockedThreadStatus : ThreadStatus
{
    /// <summary>Why; shown as the composer placeholder.</summary>
    public string? Reason { get; init; }

    internal override bool ContentEquals(ThreadStatus other) => other is LockedThreadStatus l && l.Reason == Reason;
}

/// <summary>The thread is closed.</summary>
public sealed class ClosedThreadStatus : ThreadStatus
{
    /// <summary>Why; shown in the banner.</summary>
    public string? Reason { get; init; }

    internal override bool ContentEquals(ThreadStatus other) => other is ClosedThreadStatus c && c.Reason == Reason;
}

/// <summary>One page of a list, with the cursor for the next.</summary>
public sealed class Page<T>
{
    /// <summary>An empty last page.</summary>
    public static Page<T> Empty => new() { Data = [] };

    /// <summary>The page's elements.</summary>
    public required IReadOnlyList<T> Data { get; init; }

    /// <summary>Whether elements remain after this page.</summary>
    public bool HasMore { get; init; }

    /// <summary>The id of this page's last element when <see cref="HasMore"/>; otherwise omitted.</summary>
    public string? After { get; init; }
}

/// <summary>Sort direction of a list request.</summary>
[JsonConverter(typeof(ChatKit.Json.StrictStringEnumConverter<SortOrder>))]
public enum SortOrder
{
    /// <summary>Newest first (the default).</summary>
    [JsonStringEnumMemberName("desc")] Desc,

    /// <summary>Oldest first.</summary>
    [JsonStringEnumMemberName("asc")] Asc,
}
