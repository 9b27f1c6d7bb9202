using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore;

/// <summary>
/// Serves the web component's UI string tables (<c>{pattern}/locales/fr.json</c>, …), which it fetches on first use
/// so that the script itself carries English only.
/// </summary>
internal static class LocaleTableAssets
{
    private const string Prefix = "ChatKit.AspNetCore.Assets.locales.";

    // Keyed by file name ("zh-Hant.json"); only the tables the build embedded can be asked for.
    private static readonly Lazy<Dictionary<string, EmbeddedAsset>> Tables = new(Load);

    public static IReadOnlyCollection<string> FileNames => Tables.Value.Keys;

    public static async Task ServeAsync(HttpContext http, string file)
    {
        if (!Tables.Value.TryGetValue(file, out var asset))
        {
            await ChatKitEndpoint.WriteErrorAsync(http, StatusCodes.Status404NotFound, "not_found", "There is no string table of that name.").ConfigureAwait(false);
            return;
        }

        await asset.WriteAsync(http).ConfigureAwait(false);
    }

    private static Dictionary<string, EmbeddedAsset> Load()
    {
        var tables = new Dictionary<string, EmbeddedAsset>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in typeof(LocaleTableAssets).Assembly.GetManifestResourceNames())
        {
            if (name.StartsWith(Prefix, StringComparison.Ordinal) &&
                EmbeddedAsset.FromResource(name, "application/json; charset=utf-8") is { } asset)
            {
                tables[name[Prefix.Length..]] = asset;
            }
        }

        return tables;
    }
}
