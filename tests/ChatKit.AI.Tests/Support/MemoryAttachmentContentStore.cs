using System.Collections.Concurrent;
using ChatKit.Stores;

namespace ChatKit.AI.Tests.Support;

/// <summary>Attachment bytes in memory, written by the server itself (generated images); metadata goes to the store as in the real one.</summary>
public sealed class MemoryAttachmentContentStore(IStore<TestContext> store) : IAttachmentContentStore<TestContext>
{
    private readonly ConcurrentDictionary<(string User, string Id), byte[]> _bytes = new();

    public int Stored => _bytes.Count;

    public ValueTask<Attachment> CreateAttachmentAsync(AttachmentCreateParams input, TestContext context, CancellationToken cancellationToken = default) =>
        throw new ChatKitBadRequestException("This test store takes no uploads.");

    public ValueTask DeleteAttachmentAsync(string attachmentId, TestContext context, CancellationToken cancellationToken = default)
    {
        _bytes.TryRemove((context.UserId, attachmentId), out _);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<Attachment> StoreContentAsync(ReadOnlyMemory<byte> content, string name, string mimeType, TestContext context, CancellationToken cancellationToken = default)
    {
        var id = IdGenerator.New(StoreItemKind.Attachment);
        _bytes[(context.UserId, id)] = content.ToArray();
        var attachment = new ImageAttachment { Id = id, Name = name, MimeType = mimeType, PreviewUrl = $"https://app.example/chatkit/attachments/{id}/preview" };
        await store.SaveAttachmentAsync(attachment, context, cancellationToken);
        return attachment;
    }

    public ValueTask<ReadOnlyMemory<byte>?> LoadContentAsync(string attachmentId, TestContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_bytes.TryGetValue((context.UserId, attachmentId), out var bytes) ? (ReadOnlyMemory<byte>?)bytes : null);
}
