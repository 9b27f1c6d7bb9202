using ChatKit.Testing;

namespace ChatKit.Tests.Repository;

/// <summary>
/// A fresh clone must pass its own tests with nothing beside it: no file of the repository may point outside it at
/// the reference material some contributors keep next to their checkout.
/// </summary>
public sealed class SelfContainedRepositoryTests
{
    // Spelled in pieces so that this file does not match itself.
    private static readonly string[] Forbidden = ["../" + "shared", "shared" + "/protocol", "CHATKIT_" + "PROTOCOL_DIR"];

    private static readonly string[] Roots = ["src", "tests", "bench", "web", "samples", "docs", "scripts", "templates", ".ci"];

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".csproj", ".props", ".targets", ".slnx", ".json", ".md", ".ts", ".tsx", ".js", ".mjs", ".cjs", ".html",
        ".css", ".sh", ".py", ".widget", ".razor", ".yml", ".yaml", ".xml", ".txt", "",
    };

    [Fact]
    public void NoFileReferencesMaterialOutsideTheRepository()
    {
        var offenders = new List<string>();
        var scanned = 0;
        foreach (var file in FilesToScan())
        {
            scanned++;
            var text = File.ReadAllText(file);
            foreach (var needle in Forbidden)
            {
                if (text.Contains(needle, StringComparison.Ordinal))
                {
                    offenders.Add($"{Path.GetRelativePath(ProtocolFixtures.RepositoryRoot, file)}: '{needle}'");
                }
            }
        }

        Assert.True(scanned > 100, $"only {scanned} files were scanned: the walk is broken");
        Assert.True(offenders.Count == 0, "Files refer to material outside the repository:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void TheGuardSeesAPlantedReference()
    {
        // The scan above must be able to fail: a file under a scanned root with a forbidden reference is found.
        var probe = Path.Combine(ProtocolFixtures.RepositoryRoot, "docs", $"guard-probe-{Guid.NewGuid():N}.md");
        File.WriteAllText(probe, "see ../" + "shared for details");
        try
        {
            Assert.Contains(FilesToScan(), f => f == probe);
            Assert.Throws<Xunit.Sdk.TrueException>(NoFileReferencesMaterialOutsideTheRepository);
        }
        finally
        {
            File.Delete(probe);
        }
    }

    [Fact]
    public void ReadmeAndFixturesAreInTheRepository()
    {
        var readme = File.ReadAllText(Path.Combine(ProtocolFixtures.RepositoryRoot, "README.md"));
        Assert.DoesNotContain(Forbidden, readme.Contains);
        Assert.True(File.Exists(Path.Combine(ProtocolFixtures.RepositoryRoot, "docs", "protocol.md")), "docs/protocol.md is missing");
        Assert.NotEmpty(ProtocolFixtures.List("exchanges"));
        Assert.NotEmpty(ProtocolFixtures.List("widgets", "*.widget"));
    }

    private static IEnumerable<string> FilesToScan() => RepositoryFiles.Find(Roots, TextExtensions, 4_000_000);
}
