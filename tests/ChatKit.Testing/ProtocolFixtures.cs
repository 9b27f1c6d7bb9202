using System.Text.Json.Nodes;

namespace ChatKit.Testing;

/// <summary>Locates the shared protocol fixtures (<c>../shared/protocol</c> beside the repository).</summary>
public static class ProtocolFixtures
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>Absolute path of the <c>shared/protocol</c> directory.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Absolute path of <c>shared/protocol/fixtures</c>.</summary>
    public static string FixturesDir => Path.Combine(Root, "fixtures");

    /// <summary>Reads a fixture file (path relative to <c>fixtures/</c>) as a JSON node.</summary>
    public static JsonNode Load(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FixturesDir, relativePath)))
        ?? throw new InvalidOperationException($"Fixture {relativePath} is JSON null.");

    /// <summary>Reads a fixture file as text.</summary>
    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(FixturesDir, relativePath));

    /// <summary>Lists fixture files under a sub-directory of <c>fixtures/</c>, sorted by name.</summary>
    public static IReadOnlyList<string> List(string subDirectory, string pattern = "*.json") =>
        Directory.GetFiles(Path.Combine(FixturesDir, subDirectory), pattern)
            .Select(p => Path.GetRelativePath(FixturesDir, p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CHATKIT_PROTOCOL_DIR");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "PROTOCOL.md")))
        {
            return Path.GetFullPath(fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "protocol"), Path.Combine(dir.FullName, "..", "shared", "protocol") })
            {
                if (File.Exists(Path.Combine(candidate, "PROTOCOL.md")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException(
            "Cannot find shared/protocol (expected beside the repository). Set CHATKIT_PROTOCOL_DIR to its path.");
    }
}
