namespace ChatKit.Tests.Widgets.Templates;

/// <summary>Every row of <see cref="JinjaConformanceCases"/> renders exactly as Python Jinja2 rendered it.</summary>
public sealed class JinjaConformanceTests
{
    public static TheoryData<int> RowIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < JinjaConformanceCases.Rows.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RowIndexes))]
    public void RendersLikeJinja(int row)
    {
        var (template, data, expected) = (JinjaConformanceCases.Rows[row][0], JinjaConformanceCases.Rows[row][1], JinjaConformanceCases.Rows[row][2]);
        Assert.Equal(expected, TemplateTestHelpers.Render(template, data));
    }
}
