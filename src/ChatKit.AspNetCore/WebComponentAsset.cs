using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore;

/// <summary>Serves the bundled <c>&lt;openai-chatkit&gt;</c> web component embedded in this assembly.</summary>
internal static class WebComponentAsset
{
    private static readonly Lazy<EmbeddedAsset?> Asset =
        new(() => EmbeddedAsset.FromResource("ChatKit.AspNetCore.Assets.chatkit.js", "text/javascript; charset=utf-8"));

    public static async Task ServeAsync(HttpContext http)
    {
        if (Asset.Value is not { } asset)
        {
            await ChatKitEndpoint.WriteErrorAsync(http, StatusCodes.Status404NotFound, "not_found", "This build has no web component bundle.").ConfigureAwait(false);
            return;
        }

        await asset.WriteAsync(http).ConfigureAwait(false);
    }
}
