using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore;

/// <summary>
/// Serves single Lucide icons (<c>{pattern}/icons/lucide/arrow-right.json</c>: the glyph's SVG elements as JSON) for
/// <c>lucide:</c> icon names the web component does not bundle. The whole set is embedded once; each icon is sent alone.
/// </summary>
internal static class LucideIconAssets
{
    private const string ResourceName = "ChatKit.AspNetCore.Assets.lucide-icons.json";
    private const string Suffix = ".json";

    private static readonly Lazy<Dictionary<string, EmbeddedAsset>> Icons = new(Load);

    public static int Count => Icons.Value.Count;

    public static async Task ServeAsync(HttpContext http, string file)
    {
        var name = file.EndsWith(Suffix, StringComparison.Ordinal) ? file[..^Suffix.Length] : null;
        if (name is null || !Icons.Value.TryGetValue(name, out var asset))
        {
            await ChatKitEndpoint.WriteErrorAsync(http, StatusCodes.Status404NotFound, "not_found", "There is no Lucide icon of that name.").ConfigureAwait(false);
            return;
        }

        await asset.WriteAsync(http).ConfigureAwait(false);
    }

    private static Dictionary<string, EmbeddedAsset> Load()
    {
        var icons = new Dictionary<string, EmbeddedAsset>(StringComparer.Ordinal);
        if (EmbeddedAsset.FromResource(ResourceName, "application/json") is not { } set)
        {
            return icons;
        }

        using var doc = JsonDocument.Parse(set.Content);
        foreach (var icon in doc.RootElement.GetProperty("icons").EnumerateObject())
        {
            icons[icon.Name] = new EmbeddedAsset(Encoding.UTF8.GetBytes(icon.Value.GetRawText()), "application/json; charset=utf-8");
        }

        return icons;
    }
}
