using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit;

/// <summary>A file or image the user attached. Its <see cref="Metadata"/> is stored but never sent to the client.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(FileAttachment), "file")]
[JsonDerivedType(typeof(ImageAttachment), "image")]
public abstract class Attachment
{
    private protected Attachment()
    {
    }

    /// <summary>The attachment id (<c>atc_…</c> by default).</summary>
    public required string Id { get; init; }

    /// <summary>The original file name.</summary>
    public required string Name { get; init; }

    /// <summary>The MIME type.</summary>
    public required string MimeType { get; init; }

    /// <summary>Where to upload the bytes (two-phase uploads only); null once uploaded.</summary>
    public UploadDescriptor? UploadDescriptor { get; set; }

    /// <summary>The thread of the message that first used it.</summary>
    public string? ThreadId { get; set; }

    /// <summary>Integration-private data (stripped from everything sent to the client).</summary>
    public JsonObject? Metadata { get; set; }
}

/// <summary>A non-image file.</summary>
public sealed class FileAttachment : Attachment;

/// <summary>An image, with a preview the client can show.</summary>
public sealed class ImageAttachment : Attachment
{
    /// <summary>An absolute URL (or <c>data:</c> URL) of the preview.</summary>
    public required string PreviewUrl { get; set; }
}

/// <summary>Where and how the client uploads an attachment's bytes.</summary>
public sealed class UploadDescriptor
{
    /// <summary>The absolute upload URL.</summary>
    public required string Url { get; init; }

    /// <summary><c>POST</c> or <c>PUT</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Headers the client sends with the upload.</summary>
    public Dictionary<string, string> Headers { get; init; } = [];
}
