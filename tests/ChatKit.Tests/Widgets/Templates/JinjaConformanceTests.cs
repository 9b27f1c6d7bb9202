using System.Text.RegularExpressions;
using ChatKit.Widgets.Templates.Jinja;
using JinjaTests = ChatKit.Widgets.Templates.Jinja.Tests;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>
/// Every row of <see cref="JinjaConformanceCases"/> renders exactly as Python Jinja2 rendered it. The rows are grouped
/// by feature (expressions, operators, literals, each filter, each test, if/for/loop variables, set, whitespace control,
/// tojson escaping); the test name shows the template.
/// </summary>
public sealed partial class JinjaConformanceTests
{
    public static TheoryData<string, string, string> Rows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in JinjaConformanceCases.Rows)
        {
            data.Add(row[0], row[1], row[2]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void RendersLikeJinja(string template, string data, string expected) =>
        Assert.Equal(expected, TemplateTestHelpers.Render(template, data));

    [Fact]
    public void EveryFilterIsCoveredByTheCorpus()
    {
        var used = JinjaConformanceCases.Rows.SelectMany(r => FilterUse().Matches(r[0]).Select(m => m.Groups[1].Value)).ToHashSet();
        var missing = Filters.Names.Where(f => !used.Contains(f)).ToList();
        Assert.True(missing.Count == 0, "Filters without a conformance row: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryTestIsCoveredByTheCorpus()
    {
        var used = JinjaConformanceCases.Rows
            .SelectMany(r => TestUse().Matches(r[0]).SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value }))
            .ToHashSet();
        var missing = JinjaTests.Names.Where(t => char.IsLetter(t[0]) && !used.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "Tests without a conformance row: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"\|\s*([a-z_]+)")]
    private static partial Regex FilterUse();

    [GeneratedRegex(@"\bis\s+(?:not\s+)?([a-z_]+)|(?:select|reject)(?:attr)?\([^)]*?'([a-z]+)'")]
    private static partial Regex TestUse();
}
