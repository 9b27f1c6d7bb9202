using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore;

/// <summary>One static file of the web component held in memory, served with a content hash as its ETag.</summary>
internal sealed class EmbeddedAsset
{
    public EmbeddedAsset(byte[] content, string contentType)
    {
        Content = content;
        ContentType = contentType;
        ETag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";
    }

    public byte[] Content { get; }

    public string ContentType { get; }

    public string ETag { get; }

    /// <summary>Reads an embedded resource of this assembly; null when the build did not include it.</summary>
    public static EmbeddedAsset? FromResource(string resourceName, string contentType)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(resourceName);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new EmbeddedAsset(copy.ToArray(), contentType);
    }

    /// <summary>
    /// Writes the asset, or 304 when the client's copy is current. Revalidated on every use (<c>no-cache</c>) so a
    /// new release of the package is picked up at once, while unchanged files cost one small round trip.
    /// </summary>
    public async Task WriteAsync(HttpContext http)
    {
        http.Response.Headers.ETag = ETag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch == ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.ContentType = ContentType;
        http.Response.ContentLength = Content.Length;
        await http.Response.Body.WriteAsync(Content, http.RequestAborted).ConfigureAwait(false);
    }
}
