using ChatKit.Testing;

namespace ChatKit.Tests.Repository;

/// <summary>The repository's own text files, for the tests that read the whole tree (references, citations).</summary>
internal static class RepositoryFiles
{
    /// <summary>Build output, packages and tool folders, never scanned.</summary>
    public static readonly IReadOnlySet<string> Generated = new HashSet<string>(StringComparer.Ordinal)
    {
        "bin", "obj", "node_modules", ".git", "dist", "test-results", "TestResults",
    };

    /// <summary>
    /// The files at the repository root and below <paramref name="roots"/> whose extension is in
    /// <paramref name="extensions"/> and that are smaller than <paramref name="maxBytes"/>, skipping the folders named
    /// in <see cref="Generated"/> and <paramref name="alsoSkipped"/>.
    /// </summary>
    public static IEnumerable<string> Find(
        IEnumerable<string> roots, IReadOnlySet<string> extensions, long maxBytes, params string[] alsoSkipped)
    {
        var root = ProtocolFixtures.RepositoryRoot;
        var skipped = new HashSet<string>(Generated, StringComparer.Ordinal);
        skipped.UnionWith(alsoSkipped);
        var top = Directory.GetFiles(root).Where(f => extensions.Contains(Path.GetExtension(f)));
        var nested = roots.Select(r => Path.Combine(root, r)).Where(Directory.Exists).SelectMany(d => Walk(d, extensions, maxBytes, skipped));
        return top.Concat(nested);
    }

    private static IEnumerable<string> Walk(string dir, IReadOnlySet<string> extensions, long maxBytes, HashSet<string> skipped)
    {
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            if (extensions.Contains(Path.GetExtension(file)) && new FileInfo(file).Length < maxBytes)
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            if (!skipped.Contains(Path.GetFileName(sub)))
            {
                foreach (var file in Walk(sub, extensions, maxBytes, skipped))
                {
                    yield return file;
                }
            }
        }
    }
}
