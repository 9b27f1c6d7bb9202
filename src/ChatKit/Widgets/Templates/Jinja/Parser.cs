namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>
/// Recursive-descent parser producing the compiled node tree. Follows Jinja's grammar and operator precedence:
/// conditional &lt; or &lt; and &lt; not &lt; comparisons &lt; + - &lt; ~ &lt; * / // % &lt; ** &lt; unary &lt;
/// filters/tests &lt; postfix (attribute, item, slice, call).
/// </summary>
internal sealed class Parser
{
    private static readonly string[] NoEndTags = [];
    private static readonly string[] TestArgStopNames = ["else", "or", "and", "if", "not", "in", "is"];

    private readonly SourceText _source;
    private readonly List<Token> _tokens;
    private int _index;

    private Parser(SourceText source)
    {
        _source = source;
        _tokens = Lexer.Tokenize(source);
    }

    private Token Current => _tokens[_index];

    private Token Peek(int offset = 1) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    public static Node[] Parse(SourceText source)
    {
        var parser = new Parser(source);
        return parser.ParseBody(NoEndTags, null, null).Nodes;
    }

    private (Node[] Nodes, string? EndTag) ParseBody(string[] endTags, Token? opener, string? openerName)
    {
        var nodes = new List<Node>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Text:
                    nodes.Add(new TextNode(token.Value));
                    _index++;
                    break;
                case TokenKind.VariableBegin:
                    _index++;
                    var expression = ParseTuple();
                    Expect(TokenKind.VariableEnd);
                    nodes.Add(new OutputNode(expression));
                    break;
                case TokenKind.BlockBegin:
                    _index++;
                    var nameToken = Current;
                    if (nameToken.Kind != TokenKind.Name)
                    {
                        throw Error(nameToken, $"Expected a tag name after '{{%', got {nameToken.Describe()}.");
                    }

                    _index++;
                    if (Array.IndexOf(endTags, nameToken.Value) >= 0)
                    {
                        return ([.. nodes], nameToken.Value);
                    }

                    nodes.Add(nameToken.Value switch
                    {
                        "if" => ParseIf(nameToken),
                        "for" => ParseFor(nameToken),
                        "set" => ParseSet(nameToken),
                        "elif" or "else" or "endif" or "endfor" or "endset" => throw UnexpectedTag(nameToken, endTags, openerName),
                        _ => throw Error(nameToken, $"Encountered unknown tag '{nameToken.Value}'. Supported tags: if/elif/else/endif, for/else/endfor, set/endset, raw/endraw."),
                    });
                    break;
                case TokenKind.Eof:
                    if (endTags.Length > 0)
                    {
                        throw Error(opener!.Value, $"Unexpected end of template. Jinja was looking for the following tags: {Quote(endTags)}. The innermost block that needs to be closed is '{openerName}'.");
                    }

                    return ([.. nodes], null);
                default:
                    throw Error(token, $"Unexpected {token.Describe()}.");
            }
        }
    }

    private WidgetTemplateSyntaxException UnexpectedTag(Token tag, string[] endTags, string? openerName) =>
        openerName is null
            ? Error(tag, $"Encountered unknown tag '{tag.Value}': there is no open block it could close.")
            : Error(tag, $"Encountered unknown tag '{tag.Value}'. Jinja was looking for the following tags: {Quote(endTags)}. The innermost block that needs to be closed is '{openerName}'.");

    private static string Quote(string[] tags) => string.Join(" or ", tags.Select(t => $"'{t}'"));

    private IfNode ParseIf(Token opener)
    {
        var branches = new List<(Expr, Node[])>();
        var condition = ParseTuple();
        ExpectBlockEnd();
        while (true)
        {
            var (body, tag) = ParseBody(["elif", "else", "endif"], opener, "if");
            branches.Add((condition, body));
            if (tag == "elif")
            {
                condition = ParseTuple();
                ExpectBlockEnd();
                continue;
            }

            ExpectBlockEnd();
            if (tag == "else")
            {
                var (elseBody, _) = ParseBody(["endif"], opener, "if");
                ExpectBlockEnd();
                return new IfNode([.. branches], elseBody);
            }

            return new IfNode([.. branches], null);
        }
    }

    private ForNode ParseFor(Token opener)
    {
        var targets = new List<string> { ExpectName("a loop variable name").Value };
        while (Current.IsOperator(","))
        {
            _index++;
            targets.Add(ExpectName("a loop variable name").Value);
        }

        if (!Current.IsName("in"))
        {
            throw Error(Current, $"Expected 'in' in the for statement, got {Current.Describe()}.");
        }

        _index++;
        var iterable = ParseOr();
        Expr? filter = null;
        if (Current.IsName("if"))
        {
            _index++;
            filter = ParseExpression();
        }

        if (Current.IsName("recursive"))
        {
            throw Error(Current, "Recursive for loops are not supported.");
        }

        ExpectBlockEnd();
        var (body, tag) = ParseBody(["endfor", "else"], opener, "for");
        ExpectBlockEnd();
        Node[]? elseBody = null;
        if (tag == "else")
        {
            (elseBody, _) = ParseBody(["endfor"], opener, "for");
            ExpectBlockEnd();
        }

        return new ForNode(opener.Position, [.. targets], iterable, filter, body, elseBody);
    }

    private Node ParseSet(Token opener)
    {
        var target = ExpectName("a variable name");
        if (Current.IsOperator(".") || Current.IsOperator(","))
        {
            throw Error(Current, "Only '{% set name = ... %}' and '{% set name %}...{% endset %}' are supported (no namespace or tuple assignment).");
        }

        if (Current.IsOperator("="))
        {
            _index++;
            var value = ParseTuple();
            ExpectBlockEnd();
            return new SetNode(target.Value, value);
        }

        Expr? filtered = null;
        if (Current.IsOperator("|"))
        {
            filtered = ParseFilterExpr(new NameExpr(Current.Position, BlockSetNode.CaptureVariable));
        }

        ExpectBlockEnd();
        var (body, _) = ParseBody(["endset"], opener, "set");
        ExpectBlockEnd();
        return new BlockSetNode(target.Value, body, filtered);
    }

    private Expr ParseTuple()
    {
        var start = Current.Position;
        var first = ParseExpression();
        if (!Current.IsOperator(","))
        {
            return first;
        }

        var items = new List<Expr> { first };
        while (Current.IsOperator(","))
        {
            _index++;
            if (Current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd || Current.IsOperator(")"))
            {
                break;
            }

            items.Add(ParseExpression());
        }

        return new ListExpr(start, [.. items], isTuple: true);
    }

    private Expr ParseExpression()
    {
        var expr = ParseOr();
        while (Current.IsName("if"))
        {
            var position = Current.Position;
            _index++;
            var condition = ParseOr();
            Expr? otherwise = null;
            if (Current.IsName("else"))
            {
                _index++;
                otherwise = ParseExpression();
            }

            expr = new ConditionalExpr(position, condition, expr, otherwise);
        }

        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var position = Current.Position;
            _index++;
            left = new LogicalExpr(position, false, left, ParseAnd());
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var position = Current.Position;
            _index++;
            left = new LogicalExpr(position, true, left, ParseNot());
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var position = Current.Position;
            _index++;
            return new UnaryExpr(position, "not", ParseNot());
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var first = ParseMath1();
        var rest = new List<(string, Expr, int)>();
        while (true)
        {
            var token = Current;
            string op;
            if (token.Kind == TokenKind.Operator && token.Value is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                op = token.Value;
                _index++;
            }
            else if (token.IsName("in"))
            {
                op = "in";
                _index++;
            }
            else if (token.IsName("not") && Peek().IsName("in"))
            {
                op = "not in";
                _index += 2;
            }
            else
            {
                break;
            }

            rest.Add((op, ParseMath1(), token.Position));
        }

        return rest.Count == 0 ? first : new CompareExpr(first.Position, first, [.. rest]);
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.IsOperator("+") || Current.IsOperator("-"))
        {
            var token = Current;
            _index++;
            left = new BinaryExpr(token.Position, token.Value, left, ParseConcat());
        }

        return left;
    }

    private Expr ParseConcat()
    {
        var first = ParseMath2();
        if (!Current.IsOperator("~"))
        {
            return first;
        }

        var position = Current.Position;
        var operands = new List<Expr> { first };
        while (Current.IsOperator("~"))
        {
            _index++;
            operands.Add(ParseMath2());
        }

        return new ConcatExpr(position, [.. operands]);
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind == TokenKind.Operator && Current.Value is "*" or "/" or "//" or "%")
        {
            var token = Current;
            _index++;
            left = new BinaryExpr(token.Position, token.Value, left, ParsePow());
        }

        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary();
        while (Current.IsOperator("**"))
        {
            var token = Current;
            _index++;
            left = new BinaryExpr(token.Position, "**", left, ParseUnary());
        }

        return left;
    }

    private Expr ParseUnary(bool withFilter = true)
    {
        var token = Current;
        Expr node;
        if (token.IsOperator("-") || token.IsOperator("+"))
        {
            _index++;
            node = new UnaryExpr(token.Position, token.Value, ParseUnary(false));
        }
        else
        {
            node = ParsePrimary();
        }

        node = ParsePostfix(node, token.Position);
        return withFilter ? ParseFilterExpr(node) : node;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                _index++;
                return token.Value switch
                {
                    "true" or "True" => new ConstExpr(token.Position, true),
                    "false" or "False" => new ConstExpr(token.Position, false),
                    "none" or "None" => new ConstExpr(token.Position, null),
                    _ => new NameExpr(token.Position, token.Value),
                };
            case TokenKind.String:
                _index++;
                var text = token.Value;
                while (Current.Kind == TokenKind.String)
                {
                    text += Current.Value;
                    _index++;
                }

                return new ConstExpr(token.Position, text);
            case TokenKind.Integer:
            case TokenKind.Float:
                _index++;
                return new ConstExpr(token.Position, token.Literal);
            case TokenKind.Operator when token.Value == "(":
                _index++;
                if (Current.IsOperator(")"))
                {
                    _index++;
                    return new ListExpr(token.Position, [], isTuple: true);
                }

                var inner = ParseTuple();
                Expect(")");
                return inner;
            case TokenKind.Operator when token.Value == "[":
                _index++;
                var items = new List<Expr>();
                while (!Current.IsOperator("]"))
                {
                    if (items.Count > 0)
                    {
                        Expect(",");
                        if (Current.IsOperator("]"))
                        {
                            break;
                        }
                    }

                    items.Add(ParseExpression());
                }

                Expect("]");
                return new ListExpr(token.Position, [.. items]);
            case TokenKind.Operator when token.Value == "{":
                _index++;
                var pairs = new List<(Expr, Expr)>();
                while (!Current.IsOperator("}"))
                {
                    if (pairs.Count > 0)
                    {
                        Expect(",");
                        if (Current.IsOperator("}"))
                        {
                            break;
                        }
                    }

                    var key = ParseExpression();
                    Expect(":");
                    pairs.Add((key, ParseExpression()));
                }

                Expect("}");
                return new DictExpr(token.Position, [.. pairs]);
            default:
                throw Error(token, $"Expected an expression, got {token.Describe()}.");
        }
    }

    private Expr ParsePostfix(Expr node, int start)
    {
        while (true)
        {
            var token = Current;
            if (token.IsOperator("."))
            {
                _index++;
                var attr = Current;
                if (attr.Kind == TokenKind.Name)
                {
                    _index++;
                    node = new GetAttrExpr(attr.Position, node, attr.Value, SourceSpan(start));
                }
                else if (attr.Kind == TokenKind.Integer)
                {
                    _index++;
                    node = new GetItemExpr(attr.Position, node, new ConstExpr(attr.Position, attr.Literal), SourceSpan(start));
                }
                else
                {
                    throw Error(attr, $"Expected an attribute name after '.', got {attr.Describe()}.");
                }
            }
            else if (token.IsOperator("["))
            {
                _index++;
                node = ParseSubscript(node, token, start);
            }
            else if (token.IsOperator("("))
            {
                node = new CallExpr(token.Position, node, ParseCallArgs());
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript(Expr target, Token open, int start)
    {
        Expr? first = null;
        if (!Current.IsOperator(":"))
        {
            first = ParseExpression();
            if (Current.IsOperator("]"))
            {
                _index++;
                return new GetItemExpr(open.Position, target, first, SourceSpan(start));
            }
        }

        Expect(":");
        Expr? stop = null;
        Expr? step = null;
        if (!Current.IsOperator("]") && !Current.IsOperator(":"))
        {
            stop = ParseExpression();
        }

        if (Current.IsOperator(":"))
        {
            _index++;
            if (!Current.IsOperator("]"))
            {
                step = ParseExpression();
            }
        }

        Expect("]");
        return new SliceExpr(open.Position, target, first, stop, step);
    }

    private Expr ParseFilterExpr(Expr node)
    {
        while (true)
        {
            if (Current.IsOperator("|"))
            {
                _index++;
                var name = ExpectName("a filter name");
                if (!Filters.TryGet(name.Value, out var filter))
                {
                    throw Error(name, $"No filter named '{name.Value}'.");
                }

                var args = Current.IsOperator("(") ? ParseCallArgs() : ArgExprs.Empty;
                node = new FilterExpr(name.Position, node, name.Value, filter, args);
            }
            else if (Current.IsName("is"))
            {
                _index++;
                var negated = false;
                if (Current.IsName("not"))
                {
                    negated = true;
                    _index++;
                }

                var name = ExpectName("a test name");
                if (!Tests.TryGet(name.Value, out var test))
                {
                    throw Error(name, $"No test named '{name.Value}'.");
                }

                ArgExprs args;
                if (Current.IsOperator("("))
                {
                    args = ParseCallArgs();
                }
                else if ((Current.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Float
                            || (Current.Kind == TokenKind.Name && Array.IndexOf(TestArgStopNames, Current.Value) < 0)
                            || Current.IsOperator("[") || Current.IsOperator("{")))
                {
                    var argStart = Current.Position;
                    args = new ArgExprs([ParsePostfix(ParsePrimary(), argStart)], []);
                }
                else
                {
                    args = ArgExprs.Empty;
                }

                node = new TestExpr(name.Position, node, name.Value, test, args, negated);
            }
            else if (Current.IsOperator("("))
            {
                node = new CallExpr(Current.Position, node, ParseCallArgs());
            }
            else
            {
                return node;
            }
        }
    }

    private ArgExprs ParseCallArgs()
    {
        Expect("(");
        var positional = new List<Expr>();
        var named = new List<(string, Expr)>();
        while (!Current.IsOperator(")"))
        {
            if (positional.Count + named.Count > 0)
            {
                Expect(",");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }

            if (Current.Kind == TokenKind.Name && Peek().IsOperator("="))
            {
                var name = Current.Value;
                _index += 2;
                named.Add((name, ParseExpression()));
            }
            else
            {
                if (named.Count > 0)
                {
                    throw Error(Current, "Positional argument follows keyword argument.");
                }

                positional.Add(ParseExpression());
            }
        }

        Expect(")");
        return new ArgExprs([.. positional], [.. named]);
    }

    private string SourceSpan(int start)
    {
        var end = Math.Min(Current.Position, _source.Text.Length);
        return _source.Text[start..end].TrimEnd();
    }

    private Token ExpectName(string what)
    {
        var token = Current;
        if (token.Kind != TokenKind.Name)
        {
            throw Error(token, $"Expected {what}, got {token.Describe()}.");
        }

        _index++;
        return token;
    }

    private void Expect(string op)
    {
        if (!Current.IsOperator(op))
        {
            throw Error(Current, $"Expected '{op}', got {Current.Describe()}.");
        }

        _index++;
    }

    private void Expect(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            var expected = new Token(kind, string.Empty, 0).Describe();
            throw Error(Current, $"Expected {expected}, got {Current.Describe()}.");
        }

        _index++;
    }

    private void ExpectBlockEnd() => Expect(TokenKind.BlockEnd);

    private WidgetTemplateSyntaxException Error(Token token, string detail) => _source.SyntaxError(token.Position, detail);
}
