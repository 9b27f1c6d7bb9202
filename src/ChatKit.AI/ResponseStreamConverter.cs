using ChatKit.Stores;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// Turns parts of the model's answer into what ChatKit items hold: generated images into URLs, partial images into a
/// progress value, citations into annotations. Subclass it and set <see cref="ChatClientResponderOptions.ResponseConverter"/>
/// to change any of them.
/// </summary>
public class ResponseStreamConverter
{
    /// <summary>Creates the converter.</summary>
    /// <param name="partialImages">
    /// How many partial images the image generation tool was asked for, to turn a partial image's index into progress
    /// (null: progress stays 0).
    /// </param>
    public ResponseStreamConverter(int? partialImages = null)
    {
        PartialImages = partialImages;
    }

    /// <summary>How many partial images to expect per generated image, if known.</summary>
    public int? PartialImages { get; }

    /// <summary>
    /// The URL a generated image is shown with. Default: a partial image becomes a <c>data:</c> URL (it is only streamed:
    /// partial updates are never stored); the final image is stored as an attachment through the server's attachment
    /// store and shown by its preview URL, so the stored thread never holds the image bytes.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The final image cannot be stored: the server has no attachment store that takes content
    /// (<see cref="IAttachmentContentStore{TContext}"/>).
    /// </exception>
    public virtual async ValueTask<string> ImageToUrlAsync(GeneratedImageData image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.IsPartial)
        {
            return image.Image.Uri;
        }

        var attachment = await image.StoreAsAttachmentAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                "A generated image must be stored before it is shown, but the ChatKit server has no attachment store that takes content " +
                "(IAttachmentContentStore, e.g. AddDiskAttachments). Configure one, or override ResponseStreamConverter.ImageToUrlAsync.");
        return attachment is ImageAttachment { PreviewUrl: { Length: > 0 } preview }
            ? preview
            : throw new InvalidOperationException($"The attachment store kept the generated image as '{attachment.Id}' but gave it no preview URL.");
    }

    /// <summary>Progress (0 to 1) of a partial image: its index over <see cref="PartialImages"/>, or 0 when that is unknown.</summary>
    public virtual double PartialImageProgress(int partialImageIndex) =>
        PartialImages is > 0 ? Math.Clamp((double)partialImageIndex / PartialImages.Value, 0, 1) : 0;

    /// <summary>
    /// The annotation shown for a citation, or null to leave it out. Default: a URL citation becomes a URL source, a
    /// file citation a file source named by its title or file id; the marker goes at the end of the cited region, or at
    /// <paramref name="textLength"/> (the end of the text so far) when the citation has no region.
    /// </summary>
    /// <param name="citation">The model's citation.</param>
    /// <param name="textLength">The length of the message text when the citation arrived.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public virtual ValueTask<Annotation?> ToAnnotationAsync(CitationAnnotation citation, int textLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var index = citation.AnnotatedRegions?.OfType<TextSpanAnnotatedRegion>().Select(r => r.EndIndex).FirstOrDefault(i => i is not null) ?? textLength;
        Source? source = null;
        if (citation.Url is { } url)
        {
            source = new UrlSource { Url = url.ToString(), Title = string.IsNullOrEmpty(citation.Title) ? url.ToString() : citation.Title };
        }
        else if ((string.IsNullOrEmpty(citation.Title) ? citation.FileId : citation.Title) is { Length: > 0 } filename)
        {
            source = new FileSource { Filename = filename, Title = filename };
        }

        return ValueTask.FromResult(source is null ? null : new Annotation { Source = source, Index = index });
    }
}
