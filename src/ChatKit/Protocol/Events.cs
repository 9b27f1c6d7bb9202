using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit;

/// <summary>An event streamed to the client as one SSE <c>data:</c> line.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ThreadCreatedEvent), "thread.created")]
[JsonDerivedType(typeof(ThreadUpdatedEvent), "thread.updated")]
[JsonDerivedType(typeof(ThreadItemAddedEvent), "thread.item.added")]
[JsonDerivedType(typeof(ThreadItemUpdatedEvent), "thread.item.updated")]
[JsonDerivedType(typeof(ThreadItemDoneEvent), "thread.item.done")]
[JsonDerivedType(typeof(ThreadItemRemovedEvent), "thread.item.removed")]
[JsonDerivedType(typeof(ThreadItemReplacedEvent), "thread.item.replaced")]
[JsonDerivedType(typeof(StreamOptionsEvent), "stream_options")]
[JsonDerivedType(typeof(ProgressUpdateEvent), "progress_update")]
[JsonDerivedType(typeof(ClientEffectEvent), "client_effect")]
[JsonDerivedType(typeof(ErrorEvent), "error")]
[JsonDerivedType(typeof(NoticeEvent), "notice")]
public abstract class ThreadStreamEvent
{
    private protected ThreadStreamEvent()
    {
    }
}

/// <summary>A thread was created (sent by the server for <c>threads.create</c>).</summary>
public sealed class ThreadCreatedEvent : ThreadStreamEvent
{
    /// <summary>The new thread.</summary>
    public required ChatThread Thread { get; init; }
}

/// <summary>The thread's title, status or other fields changed.</summary>
public sealed class ThreadUpdatedEvent : ThreadStreamEvent
{
    /// <summary>The thread as it is now.</summary>
    public required ChatThread Thread { get; init; }
}

/// <summary>An item starts streaming; it is pending until done, removed or replaced. Not persisted.</summary>
public sealed class ThreadItemAddedEvent : ThreadStreamEvent
{
    /// <summary>The item in its initial state.</summary>
    public required ThreadItem Item { get; init; }
}

/// <summary>An incremental change to a pending item.</summary>
public sealed class ThreadItemUpdatedEvent : ThreadStreamEvent
{
    /// <summary>The item changed.</summary>
    public required string ItemId { get; init; }

    /// <summary>The change.</summary>
    public required ThreadItemUpdate Update { get; init; }
}

/// <summary>An item is complete; the server persists it before sending this.</summary>
public sealed class ThreadItemDoneEvent : ThreadStreamEvent
{
    /// <summary>The final item.</summary>
    public required ThreadItem Item { get; init; }
}

/// <summary>An item was deleted; the server deletes it before sending this.</summary>
public sealed class ThreadItemRemovedEvent : ThreadStreamEvent
{
    /// <summary>The deleted item.</summary>
    public required string ItemId { get; init; }
}

/// <summary>An item was replaced; the server saves it before sending this.</summary>
public sealed class ThreadItemReplacedEvent : ThreadStreamEvent
{
    /// <summary>The new item.</summary>
    public required ThreadItem Item { get; init; }
}

/// <summary>Options for the stream; sent first by every handler pipeline.</summary>
public sealed class StreamOptionsEvent : ThreadStreamEvent
{
    /// <summary>The options.</summary>
    public required StreamOptions StreamOptions { get; init; }
}

/// <summary>Stream options.</summary>
public sealed class StreamOptions
{
    /// <summary>Whether the client offers a stop button.</summary>
    public bool AllowCancel { get; init; } = true;
}

/// <summary>An ephemeral status line, gone after the turn.</summary>
public sealed class ProgressUpdateEvent : ThreadStreamEvent
{
    /// <summary>An icon.</summary>
    public IconName? Icon { get; init; }

    /// <summary>The status text.</summary>
    public required string Text { get; init; }
}

/// <summary>A fire-and-forget effect for the page (ChatKit.js <c>chatkit.effect</c> / <c>onEffect</c>).</summary>
public sealed class ClientEffectEvent : ThreadStreamEvent
{
    /// <summary>The effect name.</summary>
    public required string Name { get; init; }

    /// <summary>Free-form data (keys are never renamed).</summary>
    public JsonObject Data { get; init; } = [];
}

/// <summary>A failure while generating a response.</summary>
public sealed class ErrorEvent : ThreadStreamEvent
{
    /// <summary>The generic code the client localizes itself.</summary>
    public const string StreamErrorCode = "stream.error";

    /// <summary>The code for integration-provided, already localized messages.</summary>
    public const string CustomCode = "custom";

    /// <summary><c>stream.error</c>, <c>custom</c> or another code.</summary>
    public string Code { get; init; } = CustomCode;

    /// <summary>The message shown as-is (for <c>custom</c>).</summary>
    public string? Message { get; init; }

    /// <summary>Whether the client offers a retry button.</summary>
    public bool AllowRetry { get; init; }
}

/// <summary>Level of a notice.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeLevel>))]
public enum NoticeLevel
{
    /// <summary>Information.</summary>
    [JsonStringEnumMemberName("info")] Info,

    /// <summary>A warning.</summary>
    [JsonStringEnumMemberName("warning")] Warning,

    /// <summary>Something went wrong.</summary>
    [JsonStringEnumMemberName("danger")] Danger,
}

/// <summary>A banner shown to the user.</summary>
public sealed class NoticeEvent : ThreadStreamEvent
{
    /// <summary>The level.</summary>
    public required NoticeLevel Level { get; init; }

    /// <summary>The message (Markdown).</summary>
    public required string Message { get; init; }

    /// <summary>An optional title.</summary>
    public string? Title { get; init; }
}
