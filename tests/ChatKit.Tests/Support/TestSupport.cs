using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.Logging;

namespace ChatKit.Tests.Support;

/// <summary>The request context of the tests: a signed-in user (so stores isolate data per user).</summary>
public sealed record TestContext(string UserId) : IUserContext
{
    public static TestContext Alice { get; } = new("alice");

    public static TestContext Bob { get; } = new("bob");
}

/// <summary>
/// The clock the fixtures were recorded with: starts at 2025-06-01T12:00:00 and advances 250.001 ms on every read,
/// so the n-th timestamp taken is start + n × 250.001 ms.
/// </summary>
public sealed class FixtureClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Step = TimeSpan.FromTicks(2_500_010);

    private long _reads;

    public long Reads => Interlocked.Read(ref _reads);

    public override DateTimeOffset GetUtcNow() => Start + Step * Interlocked.Increment(ref _reads);
}

/// <summary>An attachment store issuing two-phase upload descriptors, as the one the fixtures were recorded with.</summary>
public sealed class FixtureAttachmentStore : IAttachmentStore<TestContext>
{
    public ConcurrentQueue<string> Deleted { get; } = new();

    public ValueTask<Attachment> CreateAttachmentAsync(AttachmentCreateParams input, TestContext context, CancellationToken cancellationToken = default)
    {
        var id = ((IAttachmentStore<TestContext>)this).GenerateAttachmentId(input.MimeType, context);
        var upload = new UploadDescriptor
        {
            Url = $"https://files.example.com/upload/{id}",
            Method = "POST",
            Headers = new() { ["Authorization"] = "Bearer upload-token" },
        };
        var metadata = new JsonObject { ["bucket"] = "uploads" };
        Attachment attachment = input.MimeType.StartsWith("image/", StringComparison.Ordinal)
            ? new ImageAttachment
            {
                Id = id, Name = input.Name, MimeType = input.MimeType, UploadDescriptor = upload, Metadata = metadata,
                PreviewUrl = $"https://files.example.com/preview/{id}",
            }
            : new FileAttachment { Id = id, Name = input.Name, MimeType = input.MimeType, UploadDescriptor = upload, Metadata = metadata };
        return ValueTask.FromResult(attachment);
    }

    public ValueTask DeleteAttachmentAsync(string attachmentId, TestContext context, CancellationToken cancellationToken = default)
    {
        Deleted.Enqueue(attachmentId);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Wraps a store: records calls, refuses already-cancelled tokens (a clean-up that reuses the request's token fails
/// loudly), and can be told to fail a given operation.
/// </summary>
public sealed class GuardedStore(IStore<TestContext> inner) : IStore<TestContext>
{
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Operation name (e.g. <c>AddThreadItem</c>) → predicate on the item/thread id; throws when it matches.</summary>
    public Func<string, string?, bool>? FailWhen { get; set; }

    public IStore<TestContext> Inner => inner;

    private void Enter(string operation, string? id, CancellationToken ct)
    {
        Calls.Enqueue(id is null ? operation : operation + ":" + id);
        if (ct.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{operation} was handed an already-cancelled token.");
        }

        if (FailWhen?.Invoke(operation, id) == true)
        {
            throw new IOException($"Injected store failure in {operation}({id}).");
        }
    }

    public string GenerateThreadId(TestContext context) => inner.GenerateThreadId(context);

    public string GenerateItemId(StoreItemKind kind, ThreadMetadata thread, TestContext context) => inner.GenerateItemId(kind, thread, context);

    public ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("LoadThread", threadId, cancellationToken);
        return inner.LoadThreadAsync(threadId, context, cancellationToken);
    }

    public ValueTask SaveThreadAsync(ThreadMetadata thread, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("SaveThread", thread.Id, cancellationToken);
        return inner.SaveThreadAsync(thread, context, cancellationToken);
    }

    public ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("LoadThreads", after, cancellationToken);
        return inner.LoadThreadsAsync(limit, after, order, context, cancellationToken);
    }

    public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("LoadThreadItems", threadId, cancellationToken);
        return inner.LoadThreadItemsAsync(threadId, after, limit, order, context, cancellationToken);
    }

    public ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("AddThreadItem", item.Id, cancellationToken);
        return inner.AddThreadItemAsync(threadId, item, context, cancellationToken);
    }

    public ValueTask SaveItemAsync(string threadId, ThreadItem item, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("SaveItem", item.Id, cancellationToken);
        return inner.SaveItemAsync(threadId, item, context, cancellationToken);
    }

    public ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("LoadItem", itemId, cancellationToken);
        return inner.LoadItemAsync(threadId, itemId, context, cancellationToken);
    }

    public ValueTask DeleteThreadItemAsync(string threadId, string itemId, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("DeleteThreadItem", itemId, cancellationToken);
        return inner.DeleteThreadItemAsync(threadId, itemId, context, cancellationToken);
    }

    public ValueTask DeleteThreadAsync(string threadId, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("DeleteThread", threadId, cancellationToken);
        return inner.DeleteThreadAsync(threadId, context, cancellationToken);
    }

    public ValueTask SaveAttachmentAsync(Attachment attachment, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("SaveAttachment", attachment.Id, cancellationToken);
        return inner.SaveAttachmentAsync(attachment, context, cancellationToken);
    }

    public ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("LoadAttachment", attachmentId, cancellationToken);
        return inner.LoadAttachmentAsync(attachmentId, context, cancellationToken);
    }

    public ValueTask DeleteAttachmentAsync(string attachmentId, TestContext context, CancellationToken cancellationToken = default)
    {
        Enter("DeleteAttachment", attachmentId, cancellationToken);
        return inner.DeleteAttachmentAsync(attachmentId, context, cancellationToken);
    }
}

/// <summary>An <see cref="ILogger"/> that keeps every entry (message rendered, structured state kept).</summary>
public sealed class CapturingLogger : ILogger
{
    public sealed record Entry(LogLevel Level, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> State);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value)
            : new Dictionary<string, object?>();
        Entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception, values));
    }
}

/// <summary>Helpers to run requests and read results.</summary>
public static class Run
{
    public static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);

    public static byte[] Body(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    /// <summary>All SSE frames of a streaming result, concatenated: the exact response body.</summary>
    public static async Task<byte[]> SseBodyAsync(ChatKitResult result, CancellationToken ct = default)
    {
        var streaming = Assert.IsType<StreamingResult>(result);
        using var body = new MemoryStream();
        await foreach (var frame in streaming.WithCancellation(ct))
        {
            body.Write(frame.Span);
        }

        return body.ToArray();
    }

    /// <summary>The JSON events of an SSE body (asserting the framing on the way).</summary>
    public static List<JsonNode> EventsOf(byte[] sseBody)
    {
        var text = Encoding.UTF8.GetString(sseBody);
        var events = new List<JsonNode>();
        var position = 0;
        while (position < text.Length)
        {
            Assert.True(text.AsSpan(position).StartsWith("data: "), $"frame at {position} does not start with 'data: ': {text[position..]}");
            var end = text.IndexOf("\n\n", position, StringComparison.Ordinal);
            Assert.True(end > 0, "frame without a terminating blank line");
            var json = text[(position + 6)..end];
            Assert.DoesNotContain('\n', json);
            Assert.DoesNotContain('\r', json);
            var node = JsonNode.Parse(json)!;
            Assert.Equal(Testing.Json.JsonTree.Compact(node), json); // compact: no insignificant whitespace
            events.Add(node);
            position = end + 2;
        }

        return events;
    }

    public static async Task<List<JsonNode>> EventsAsync(ChatKitResult result, CancellationToken ct = default) =>
        EventsOf(await SseBodyAsync(result, ct));

    public static JsonNode? Json(ChatKitResult result) => JsonNode.Parse(Assert.IsType<JsonResult>(result).Json.Span);

    public static string Types(IEnumerable<JsonNode> events) => string.Join(",", events.Select(e => (string?)e["type"]));

    public static JsonNode ToNode(ThreadItem item) => JsonSerializer.SerializeToNode(item, ChatKitJson.Wire.ThreadItem)!;

    public static JsonNode ToStorageNode(ThreadItem item) => JsonSerializer.SerializeToNode(item, ChatKitJson.Storage.ThreadItem)!;

    public static T Item<T>(string json)
        where T : ThreadItem => (T)JsonSerializer.Deserialize(json, ChatKitJson.Wire.ThreadItem)!;
}
