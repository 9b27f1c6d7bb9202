using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore;

/// <summary>Serves the bundled <c>&lt;openai-chatkit&gt;</c> web component embedded in this assembly.</summary>
internal static class WebComponentAsset
{
    private const string ResourceName = "ChatKit.AspNetCore.Assets.chatkit.js";

    private static readonly Lazy<(byte[] Content, string ETag)?> Asset = new(Load);

    public static async Task ServeAsync(HttpContext http)
    {
        if (Asset.Value is not var (content, etag))
        {
            await ChatKitEndpoint.WriteErrorAsync(http, StatusCodes.Status404NotFound, "not_found", "This build has no web component bundle.").ConfigureAwait(false);
            return;
        }

        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch == etag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.ContentType = "text/javascript; charset=utf-8";
        http.Response.ContentLength = content.Length;
        await http.Response.Body.WriteAsync(content, http.RequestAborted).ConfigureAwait(false);
    }

    private static (byte[], string)? Load()
    {
        using var stream = typeof(WebComponentAsset).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return (bytes, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
    }
}
