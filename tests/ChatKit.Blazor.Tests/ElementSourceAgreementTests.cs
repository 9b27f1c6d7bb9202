using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatKit.Testing;

namespace ChatKit.Blazor.Tests;

/// <summary>
/// Every option key the C# records can produce is one the element (or the component's script) reads: a misspelt
/// or invented key would be silently ignored in the browser, so it is caught here against the sources.
/// </summary>
public sealed partial class ElementSourceAgreementTests
{
    [Fact]
    public void EveryKeyOfFullyPopulatedOptionsIsReadByTheElement()
    {
        var root = ProtocolFixtures.RepositoryRoot;
        var sources = string.Concat(
            Directory.GetFiles(Path.Combine(root, "web", "chatkit-element", "src"), "*.ts").Select(File.ReadAllText))
            + File.ReadAllText(Path.Combine(root, "src", "ChatKit.Blazor", "wwwroot", "chatkit-blazor.js"));
        var used = Identifier().Matches(sources).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var json = JsonNode.Parse(ChatKitJson.Serialize(FullOptions.Create()))!;
        var missing = Keys(json, "").Where(k => !used.Contains(k.Split('.')[^1])).ToList();
        Assert.True(missing.Count == 0, "keys the element never reads: " + string.Join(", ", missing));
        // The walk saw the nested options, not just the top level.
        Assert.Contains(Keys(json, ""), k => k == "theme.typography.fontSources.unicodeRange");
        Assert.Contains(Keys(json, ""), k => k == "thread.autoScroll");
    }

    private static IEnumerable<string> Keys(JsonNode node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => IsFreeForm(path, p.Key)
            ? [Join(path, p.Key)]
            : Keys(p.Value!, Join(path, p.Key)).Prepend(Join(path, p.Key))),
        JsonArray a => a.SelectMany(v => Keys(v!, path)),
        _ => [],
    };

    // Keys inside these are data (MIME types, header names), not option names.
    private static bool IsFreeForm(string path, string key) => key is "accept" or "headers";

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    // A property read (`.maxSize`, `?.maxSize`) or an object-literal key (`maxSize:`).
    [GeneratedRegex(@"(?:\?\.|\.)([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*)\s*:")]
    private static partial Regex Identifier();
}
