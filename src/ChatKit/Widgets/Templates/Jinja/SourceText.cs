namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>Template source plus the helpers that turn an offset into line, column and a readable excerpt.</summary>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string name, string text)
    {
        Name = name;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public string Name { get; }

    public string Text { get; }

    public (int Line, int Column) GetLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>Up to 40 characters either side of <paramref name="offset"/> on its line, with a caret under it.</summary>
    public string Excerpt(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var (line, _) = GetLineColumn(offset);
        var lineStart = _lineStarts[line - 1];
        var lineEnd = Text.IndexOf('\n', lineStart);
        if (lineEnd < 0)
        {
            lineEnd = Text.Length;
        }

        var from = Math.Max(lineStart, offset - 40);
        var to = Math.Min(lineEnd, offset + 40);
        var prefix = from > lineStart ? "..." : string.Empty;
        var suffix = to < lineEnd ? "..." : string.Empty;
        var snippet = Text[from..to].Replace('\t', ' ').Replace('\r', ' ');
        return "    " + prefix + snippet + suffix + Environment.NewLine
            + "    " + new string(' ', prefix.Length + offset - from) + "^";
    }

    public WidgetTemplateSyntaxException SyntaxError(int offset, string detail)
    {
        var (line, column) = GetLineColumn(offset);
        return new WidgetTemplateSyntaxException(detail, Name, line, column, Excerpt(offset));
    }

    public WidgetTemplateRenderException RenderError(int offset, string detail)
    {
        var (line, column) = GetLineColumn(offset);
        return new WidgetTemplateRenderException(detail, Name, line, column, Excerpt(offset));
    }
}
