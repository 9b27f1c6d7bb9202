using System.Globalization;
using System.Text;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>
/// Splits a Jinja template into tokens with the default delimiters (<c>{{ }}</c>, <c>{% %}</c>, <c>{# #}</c>),
/// whitespace control (<c>{%-</c>, <c>-%}</c>...), <c>raw</c> blocks, and Jinja's default environment settings:
/// <c>trim_blocks</c> and <c>lstrip_blocks</c> off, newlines normalized to <c>\n</c>, one trailing newline dropped.
/// </summary>
internal sealed class Lexer
{
    private static readonly string[] Operators =
    [
        "//", "**", "==", "!=", ">=", "<=",
        "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";",
    ];

    private readonly SourceText _source;
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private bool _lstripNextText;

    private Lexer(SourceText source)
    {
        _source = source;
        _text = source.Text;
    }

    /// <summary>Applies Jinja's newline normalization and trailing-newline rule to raw template source.</summary>
    public static string NormalizeSource(string template)
    {
        var text = template.Contains('\r', StringComparison.Ordinal)
            ? template.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : template;
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    public static List<Token> Tokenize(SourceText source)
    {
        var lexer = new Lexer(source);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (_pos < _text.Length)
        {
            var tagStart = FindTagStart(_pos);
            var text = _text[_pos..tagStart];
            if (tagStart < _text.Length && tagStart + 2 < _text.Length && _text[tagStart + 2] == '-')
            {
                text = text.TrimEnd();
            }

            if (_lstripNextText)
            {
                text = text.TrimStart();
                _lstripNextText = false;
            }

            if (text.Length > 0)
            {
                _tokens.Add(new Token(TokenKind.Text, text, _pos));
            }

            if (tagStart >= _text.Length)
            {
                break;
            }

            switch (_text[tagStart + 1])
            {
                case '#':
                    LexComment(tagStart);
                    break;
                case '%' when TryLexRaw(tagStart):
                    break;
                case '%':
                    LexTag(tagStart, TokenKind.BlockBegin, TokenKind.BlockEnd, '%');
                    break;
                default:
                    LexTag(tagStart, TokenKind.VariableBegin, TokenKind.VariableEnd, '}');
                    break;
            }
        }

        _tokens.Add(new Token(TokenKind.Eof, string.Empty, _text.Length));
    }

    private int FindTagStart(int from)
    {
        var i = from;
        while ((i = _text.IndexOf('{', i)) >= 0 && i + 1 < _text.Length)
        {
            var next = _text[i + 1];
            if (next is '{' or '%' or '#')
            {
                return i;
            }

            i++;
        }

        return _text.Length;
    }

    private void LexComment(int start)
    {
        var end = _text.IndexOf("#}", start + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw _source.SyntaxError(start, "Missing end of comment tag: '{#' is never closed with '#}'.");
        }

        _lstripNextText = end > start + 2 && _text[end - 1] == '-';
        _pos = end + 2;
    }

    private bool TryLexRaw(int start)
    {
        var i = SkipInlineWhitespace(start + 2 + (At(start + 2) == '-' ? 1 : 0));
        if (string.CompareOrdinal(_text, i, "raw", 0, 3) != 0 || IsNameChar(At(i + 3)))
        {
            return false;
        }

        i = SkipInlineWhitespace(i + 3);
        var stripAfterOpen = At(i) == '-';
        if (stripAfterOpen)
        {
            i++;
        }

        if (At(i) != '%' || At(i + 1) != '}')
        {
            throw _source.SyntaxError(i, "Expected '%}' after 'raw'.");
        }

        var bodyStart = i + 2;
        var search = bodyStart;
        while (true)
        {
            var tag = _text.IndexOf("{%", search, StringComparison.Ordinal);
            if (tag < 0)
            {
                throw _source.SyntaxError(start, "Missing '{% endraw %}' for this 'raw' block.");
            }

            var j = tag + 2;
            var stripBeforeClose = At(j) == '-';
            j = SkipInlineWhitespace(j + (stripBeforeClose ? 1 : 0));
            if (string.CompareOrdinal(_text, j, "endraw", 0, 6) != 0 || IsNameChar(At(j + 6)))
            {
                search = tag + 2;
                continue;
            }

            j = SkipInlineWhitespace(j + 6);
            var stripAfterClose = At(j) == '-';
            if (stripAfterClose)
            {
                j++;
            }

            if (At(j) != '%' || At(j + 1) != '}')
            {
                throw _source.SyntaxError(j, "Expected '%}' after 'endraw'.");
            }

            var body = _text[bodyStart..tag];
            if (stripAfterOpen)
            {
                body = body.TrimStart();
            }

            if (stripBeforeClose)
            {
                body = body.TrimEnd();
            }

            if (body.Length > 0)
            {
                _tokens.Add(new Token(TokenKind.Text, body, bodyStart));
            }

            _lstripNextText = stripAfterClose;
            _pos = j + 2;
            return true;
        }
    }

    private void LexTag(int start, TokenKind beginKind, TokenKind endKind, char closeFirst)
    {
        _tokens.Add(new Token(beginKind, _text.Substring(start, 2), start));
        var i = start + 2;
        if (At(i) == '-' || At(i) == '+')
        {
            i++;
        }

        var depth = new Stack<(char Close, int Position)>();
        while (true)
        {
            while (i < _text.Length && char.IsWhiteSpace(_text[i]))
            {
                i++;
            }

            if (i >= _text.Length)
            {
                var closer = closeFirst == '%' ? "%}" : "}}";
                throw _source.SyntaxError(start, $"Unclosed tag: '{_text.Substring(start, 2)}' is never closed with '{closer}'.");
            }

            if (depth.Count == 0)
            {
                if (At(i) == '-' && At(i + 1) == closeFirst && At(i + 2) == '}')
                {
                    _tokens.Add(new Token(endKind, _text.Substring(i, 3), i));
                    _lstripNextText = true;
                    _pos = i + 3;
                    return;
                }

                if (At(i) == closeFirst && At(i + 1) == '}')
                {
                    _tokens.Add(new Token(endKind, _text.Substring(i, 2), i));
                    _pos = i + 2;
                    return;
                }
            }

            var c = _text[i];
            if (char.IsLetter(c) || c == '_')
            {
                var end = i + 1;
                while (end < _text.Length && IsNameChar(_text[end]))
                {
                    end++;
                }

                _tokens.Add(new Token(TokenKind.Name, _text[i..end], i));
                i = end;
            }
            else if (char.IsAsciiDigit(c))
            {
                i = LexNumber(i);
            }
            else if (c is '\'' or '"')
            {
                i = LexString(i);
            }
            else
            {
                var op = MatchOperator(i) ?? throw _source.SyntaxError(i, $"Unexpected character '{c}'.");
                if (op is "(" or "[" or "{")
                {
                    depth.Push((op switch { "(" => ')', "[" => ']', _ => '}' }, i));
                }
                else if (op is ")" or "]" or "}")
                {
                    if (depth.Count == 0)
                    {
                        throw _source.SyntaxError(i, $"Unexpected '{op}'.");
                    }

                    var (close, openPos) = depth.Pop();
                    if (close != op[0])
                    {
                        throw _source.SyntaxError(i, $"Unexpected '{op}': expected '{close}' to close the bracket opened at column {_source.GetLineColumn(openPos).Column}.");
                    }
                }

                _tokens.Add(new Token(TokenKind.Operator, op, i));
                i += op.Length;
            }
        }
    }

    private int LexNumber(int start)
    {
        var i = start;
        ReadDigits(ref i);
        var isFloat = false;
        var afterDot = _tokens.Count > 0 && _tokens[^1].IsOperator(".");
        if (!afterDot && At(i) == '.' && char.IsAsciiDigit(At(i + 1)))
        {
            isFloat = true;
            i++;
            ReadDigits(ref i);
        }

        if (!afterDot && (At(i) == 'e' || At(i) == 'E'))
        {
            var j = i + 1;
            if (At(j) is '+' or '-')
            {
                j++;
            }

            if (char.IsAsciiDigit(At(j)))
            {
                isFloat = true;
                i = j;
                ReadDigits(ref i);
            }
        }

        var raw = _text[start..i].Replace("_", string.Empty, StringComparison.Ordinal);
        if (isFloat)
        {
            _tokens.Add(new Token(TokenKind.Float, raw, start, double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        else if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            _tokens.Add(new Token(TokenKind.Integer, raw, start, value));
        }
        else
        {
            throw _source.SyntaxError(start, $"Integer literal {raw} is too large.");
        }

        return i;
    }

    private void ReadDigits(ref int i)
    {
        while (char.IsAsciiDigit(At(i)) || (At(i) == '_' && char.IsAsciiDigit(At(i + 1))))
        {
            i++;
        }
    }

    private int LexString(int start)
    {
        var quote = _text[start];
        var sb = new StringBuilder();
        var i = start + 1;
        while (true)
        {
            if (i >= _text.Length)
            {
                throw _source.SyntaxError(start, "Unterminated string literal.");
            }

            var c = _text[i];
            if (c == quote)
            {
                break;
            }

            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }

            var e = At(i + 1);
            i += 2;
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'a': sb.Append('\a'); break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case '\n': break;
                case 'x':
                    sb.Append((char)ReadHex(ref i, 2, start));
                    break;
                case 'u':
                    sb.Append((char)ReadHex(ref i, 4, start));
                    break;
                case 'U':
                    sb.Append(char.ConvertFromUtf32(ReadHex(ref i, 8, start)));
                    break;
                case >= '0' and <= '7':
                    var code = e - '0';
                    for (var n = 0; n < 2 && At(i) is >= '0' and <= '7'; n++, i++)
                    {
                        code = (code * 8) + (At(i) - '0');
                    }

                    sb.Append((char)code);
                    break;
                case '\0':
                    throw _source.SyntaxError(start, "Unterminated string literal.");
                default:
                    sb.Append('\\').Append(e);
                    break;
            }
        }

        _tokens.Add(new Token(TokenKind.String, sb.ToString(), start));
        return i + 1;
    }

    private int ReadHex(ref int i, int digits, int literalStart)
    {
        if (i + digits > _text.Length
            || !int.TryParse(_text.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            || value > 0x10FFFF)
        {
            throw _source.SyntaxError(literalStart, $"Invalid \\{(digits == 2 ? "x" : digits == 4 ? "u" : "U")} escape in string literal.");
        }

        i += digits;
        return value;
    }

    private string? MatchOperator(int i)
    {
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_text, i, op, 0, op.Length) == 0)
            {
                return op;
            }
        }

        return null;
    }

    private int SkipInlineWhitespace(int i)
    {
        while (i < _text.Length && char.IsWhiteSpace(_text[i]))
        {
            i++;
        }

        return i;
    }

    private char At(int i) => i < _text.Length ? _text[i] : '\0';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
