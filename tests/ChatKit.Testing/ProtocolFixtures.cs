using System.Text.Json.Nodes;

namespace ChatKit.Testing;

/// <summary>
/// Locates the protocol fixtures in <c>tests/fixtures</c> of this repository: wire data recorded from the Python
/// reference server, described in <c>tests/fixtures/README.md</c>. The .NET tests, the web component's tests and
/// the benchmarks all read this one copy.
/// </summary>
public static class ProtocolFixtures
{
    private static readonly Lazy<string> LazyFixturesDir = new(FindFixturesDir);

    /// <summary>Absolute path of <c>tests/fixtures</c>.</summary>
    public static string FixturesDir => LazyFixturesDir.Value;

    /// <summary>Reads a fixture file (path relative to <c>tests/fixtures</c>) as a JSON node.</summary>
    public static JsonNode Load(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FixturesDir, relativePath)))
        ?? throw new InvalidOperationException($"Fixture {relativePath} is JSON null.");

    /// <summary>Reads a fixture file as text.</summary>
    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(FixturesDir, relativePath));

    /// <summary>Lists fixture files under a sub-directory of <c>tests/fixtures</c>, sorted by name.</summary>
    public static IReadOnlyList<string> List(string subDirectory, string pattern = "*.json") =>
        Directory.GetFiles(Path.Combine(FixturesDir, subDirectory), pattern)
            .Select(p => Path.GetRelativePath(FixturesDir, p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The repository root: the nearest ancestor of the test binary that holds <c>ChatKit.slnx</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindFixturesDir()
    {
        var dir = Path.Combine(RepositoryRoot, "tests", "fixtures");
        return Directory.Exists(Path.Combine(dir, "exchanges"))
            ? dir
            : throw new DirectoryNotFoundException($"The protocol fixtures are missing: expected {dir}/exchanges.");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatKit.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"Cannot find the repository root (a folder with ChatKit.slnx) above {AppContext.BaseDirectory}.");
    }
}
