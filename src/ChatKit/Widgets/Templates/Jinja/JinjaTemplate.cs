using System.Text;

namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>
/// A Jinja template compiled once into a node tree; <see cref="Render"/> evaluates it against a set of variables.
/// Instances are immutable and safe to render concurrently.
/// </summary>
internal sealed class JinjaTemplate
{
    private readonly Node[] _nodes;

    private JinjaTemplate(SourceText source, Node[] nodes)
    {
        Source = source;
        _nodes = nodes;
    }

    public SourceText Source { get; }

    /// <summary>Compiles <paramref name="template"/>; throws <see cref="WidgetTemplateSyntaxException"/> when malformed.</summary>
    public static JinjaTemplate Compile(string template, string name)
    {
        var source = new SourceText(name, Lexer.NormalizeSource(template));
        return new JinjaTemplate(source, Parser.Parse(source));
    }

    /// <summary>Renders with the given top-level variables (values in the template value model, see <see cref="PyOps"/>).</summary>
    public string Render(IReadOnlyDictionary<string, object?>? variables, int capacityHint = 256)
    {
        var output = new StringBuilder(capacityHint);
        RenderTo(output, variables);
        return output.ToString();
    }

    public void RenderTo(StringBuilder output, IReadOnlyDictionary<string, object?>? variables)
    {
        var ctx = new RenderContext(Source);
        var scope = new Scope(variables);
        Node.RenderAll(_nodes, ctx, scope, output);
    }
}
