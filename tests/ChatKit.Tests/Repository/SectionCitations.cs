using System.Text.RegularExpressions;

namespace ChatKit.Tests.Repository;

/// <summary>
/// Finds the numbered sections of <c>docs/protocol.md</c> and <c>docs/widgets.md</c>, and the citations of them in
/// text: <c>docs/protocol.md §9.1</c>, <c>docs/widgets.md section 7</c>, chains such as <c>§2.4 and §3</c> or
/// <c>§5.1 / §5.2</c>. Inside one of the two documents a bare <c>§N</c> cites the document itself.
/// </summary>
internal static partial class SectionCitations
{
    /// <summary>The documents whose sections are cited, by the name used in citations.</summary>
    public static readonly string[] Documents = ["protocol", "widgets"];

    // "## 9. Request handling" and "### 9.1 The pipeline".
    [GeneratedRegex(@"^#{2,3} (?<number>\d+(?:\.\d+)*)\.? ", RegexOptions.Multiline)]
    private static partial Regex Heading();

    // An optional document name directly followed by a chain of section numbers joined by , / ; or "and".
    [GeneratedRegex(@"(?:(?<doc>protocol|widgets)\.md)?(?<chain>(?:[ ]*(?:,|/|;|and)?[ ]*(?:§|section )\d+(?:\.\d+)*)+)")]
    private static partial Regex Citation();

    [GeneratedRegex(@"\d+(?:\.\d+)*")]
    private static partial Regex Number();

    /// <summary>The section numbers of a document's headings, in order (duplicates kept, so they can be found).</summary>
    public static IReadOnlyList<string> Headings(string markdown) =>
        [.. Heading().Matches(markdown).Select(m => m.Groups["number"].Value)];

    /// <summary>
    /// Every citation in <paramref name="text"/> as (document, section). <paramref name="self"/> is the document the
    /// text belongs to, which bare <c>§N</c> citations refer to; null for any other file, where only citations naming
    /// a document count.
    /// </summary>
    public static IEnumerable<(string Document, string Section)> Find(string text, string? self)
    {
        foreach (Match match in Citation().Matches(text))
        {
            var document = match.Groups["doc"].Success ? match.Groups["doc"].Value : self;
            if (document is null)
            {
                continue;
            }

            foreach (Match number in Number().Matches(match.Groups["chain"].Value))
            {
                yield return (document, number.Value);
            }
        }
    }
}
