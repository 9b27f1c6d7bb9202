namespace ChatKit.Stores;

/// <summary>Stores attachment bytes. Optional: without one, <c>attachments.create</c> and <c>attachments.delete</c> fail.</summary>
/// <typeparam name="TContext">The per-request context.</typeparam>
public interface IAttachmentStore<in TContext>
{
    /// <summary>A new attachment id (<c>atc_…</c> by default).</summary>
    string GenerateAttachmentId(string mimeType, TContext context) => IdGenerator.New(StoreItemKind.Attachment);

    /// <summary>
    /// Starts a two-phase upload: returns the attachment with an upload descriptor (and a preview URL for images).
    /// The server saves its metadata in the <see cref="IStore{TContext}"/> afterwards.
    /// </summary>
    ValueTask<Attachment> CreateAttachmentAsync(AttachmentCreateParams input, TContext context, CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored bytes of an attachment.</summary>
    ValueTask DeleteAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default);
}
