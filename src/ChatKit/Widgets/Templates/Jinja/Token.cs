namespace ChatKit.Widgets.Templates.Jinja;

internal enum TokenKind
{
    Text,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    Eof,
}

/// <summary>One lexical token. <see cref="Value"/> is the decoded text (string literal contents, operator, name...).</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Position, object? Literal = null)
{
    public bool Is(TokenKind kind, string value) => Kind == kind && Value == value;

    public bool IsOperator(string op) => Kind == TokenKind.Operator && Value == op;

    public bool IsName(string name) => Kind == TokenKind.Name && Value == name;

    public string Describe() => Kind switch
    {
        TokenKind.Eof => "end of template",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.VariableBegin => "begin of print statement",
        TokenKind.BlockBegin => "begin of statement block",
        TokenKind.Text => "template data",
        TokenKind.String => "string literal",
        _ => $"'{Value}'",
    };
}
