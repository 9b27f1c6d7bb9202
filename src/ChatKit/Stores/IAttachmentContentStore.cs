namespace ChatKit.Stores;

/// <summary>
/// An attachment store the server itself can write to and read from, not only the browser's uploads: content the
/// assistant produces (a generated image) is kept here so threads hold a URL instead of the bytes.
/// </summary>
/// <typeparam name="TContext">The per-request context (its user owns what is stored).</typeparam>
public interface IAttachmentContentStore<in TContext> : IAttachmentStore<TContext>
{
    /// <summary>Stores <paramref name="content"/> as a complete attachment of the context's user and saves its metadata.</summary>
    /// <returns>The attachment (an <see cref="ImageAttachment"/> with a preview URL for images).</returns>
    ValueTask<Attachment> StoreContentAsync(ReadOnlyMemory<byte> content, string name, string mimeType, TContext context, CancellationToken cancellationToken = default);

    /// <summary>The bytes of one of the context user's attachments, or null when there are none.</summary>
    ValueTask<ReadOnlyMemory<byte>?> LoadContentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default);
}
