using ChatKit.Stores;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// An image the model generated (or a partial preview of one), handed to
/// <see cref="ResponseStreamConverter.ImageToUrlAsync"/> to become the URL a <see cref="GeneratedImage"/> shows.
/// </summary>
public sealed class GeneratedImageData
{
    private readonly Func<CancellationToken, ValueTask<Attachment?>> _storeAsAttachment;

    internal GeneratedImageData(
        string imageId, DataContent image, int? partialImageIndex, ThreadMetadata thread, object? requestContext, Func<CancellationToken, ValueTask<Attachment?>> storeAsAttachment)
    {
        ImageId = imageId;
        Image = image;
        PartialImageIndex = partialImageIndex;
        Thread = thread;
        RequestContext = requestContext;
        _storeAsAttachment = storeAsAttachment;
    }

    /// <summary>The model's id of the image generation; the same for every partial image of one image.</summary>
    public string ImageId { get; }

    /// <summary>The bytes and media type.</summary>
    public DataContent Image { get; }

    /// <summary>For a partial image, its index (from 0); null for the final image.</summary>
    public int? PartialImageIndex { get; }

    /// <summary>Whether this is a partial preview (only streamed, never stored) rather than the final image.</summary>
    public bool IsPartial => PartialImageIndex is not null;

    /// <summary>The thread the image is shown in.</summary>
    public ThreadMetadata Thread { get; }

    /// <summary>The request context of the turn (the server's <c>TContext</c>).</summary>
    public object? RequestContext { get; }

    /// <summary>
    /// Stores the image through the server's attachment store, bound to the thread (so it is deleted with it), when
    /// the store can take content (<see cref="IAttachmentContentStore{TContext}"/>); null when there is none.
    /// </summary>
    public async ValueTask<Attachment?> StoreAsAttachmentAsync(CancellationToken cancellationToken = default)
    {
        StoredAttachment ??= await _storeAsAttachment(cancellationToken).ConfigureAwait(false);
        return StoredAttachment;
    }

    /// <summary>The attachment the image was stored as, if it was.</summary>
    internal Attachment? StoredAttachment { get; private set; }
}
