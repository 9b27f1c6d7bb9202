using ChatKit.Testing;

namespace ChatKit.Tests.Repository;

/// <summary>
/// Code, tests and docs cite sections of <c>docs/protocol.md</c> and <c>docs/widgets.md</c> by number; every cited
/// section must exist, and section numbers must be unique, so a renumbering cannot leave citations pointing at the
/// wrong text.
/// </summary>
public sealed class SectionCitationTests
{
    private static readonly string[] Roots = ["src", "tests", "bench", "web", "samples", "docs", "scripts"];

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".md", ".ts", ".mjs", ".py", ".sh", ".html", ".json",
    };

    [Fact]
    public void Section_numbers_are_unique_in_each_document()
    {
        foreach (var document in SectionCitations.Documents)
        {
            var headings = SectionCitations.Headings(ReadDocument(document));
            Assert.True(headings.Count > 10, $"docs/{document}.md has only {headings.Count} numbered headings");
            var duplicates = headings.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, $"docs/{document}.md numbers these sections twice: {string.Join(", ", duplicates)}");
        }
    }

    [Fact]
    public void Every_cited_section_exists()
    {
        var sections = SectionCitations.Documents.ToDictionary(d => d, d => SectionCitations.Headings(ReadDocument(d)).ToHashSet(StringComparer.Ordinal));
        var broken = new List<string>();
        var found = 0;
        foreach (var file in FilesToScan())
        {
            var self = SelfDocument(file);
            foreach (var (document, section) in SectionCitations.Find(File.ReadAllText(file), self))
            {
                found++;
                if (!sections[document].Contains(section))
                {
                    broken.Add($"{Path.GetRelativePath(ProtocolFixtures.RepositoryRoot, file)}: docs/{document}.md §{section}");
                }
            }
        }

        Assert.True(found > 50, $"only {found} citations were found: the scan is broken");
        Assert.True(broken.Count == 0, "Citations of sections that do not exist:\n" + string.Join('\n', broken));
    }

    [Theory]
    [InlineData("// as docs/protocol.md §9.1 says", null, "protocol 9.1")]
    [InlineData("/// <summary>(docs/protocol.md §9.1, §8, §9.5)</summary>", null, "protocol 9.1|protocol 8|protocol 9.5")]
    [InlineData("docs/protocol.md §2.4 and §3: nulls", null, "protocol 2.4|protocol 3")]
    [InlineData("(docs/protocol.md §5.1 / §5.2; docs/widgets.md §5.4)", null, "protocol 5.1|protocol 5.2|widgets 5.4")]
    [InlineData("# generated from docs/widgets.md section 7", null, "widgets 7")]
    [InlineData("see §12.1 and widgets.md §4.3", "protocol", "protocol 12.1|widgets 4.3")]
    [InlineData("a bare §3 outside the documents", null, "")]
    public void Citations_are_read_with_their_document(string text, string? self, string expected)
    {
        var found = SectionCitations.Find(text, self).Select(c => $"{c.Document} {c.Section}");
        Assert.Equal(expected, string.Join('|', found));
    }

    [Fact]
    public void A_citation_of_a_missing_section_is_reported()
    {
        // The check above must be able to fail: a section number the document does not have is not among its headings.
        var headings = SectionCitations.Headings(ReadDocument("protocol")).ToHashSet(StringComparer.Ordinal);
        // Spelled in pieces so that the scan of this file does not find it.
        var (document, section) = Assert.Single(SectionCitations.Find("docs/protocol.md §" + "99.9", self: null));
        Assert.Equal("protocol", document);
        Assert.DoesNotContain(section, headings);
        Assert.Contains("9.1", headings);
    }

    private static string ReadDocument(string document) =>
        File.ReadAllText(Path.Combine(ProtocolFixtures.RepositoryRoot, "docs", document + ".md"));

    private static string? SelfDocument(string file)
    {
        var relative = Path.GetRelativePath(ProtocolFixtures.RepositoryRoot, file).Replace('\\', '/');
        return SectionCitations.Documents.FirstOrDefault(d => relative == $"docs/{d}.md");
    }

    // Recorded fixtures are data and cite nothing.
    private static IEnumerable<string> FilesToScan() => RepositoryFiles.Find(Roots, TextExtensions, 1_000_000, "fixtures");
}
