namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>A variable reference. Missing variables evaluate to a strict <see cref="Undefined"/>.</summary>
internal sealed class NameExpr(int position, string name) : Expr(position)
{
    public string Name { get; } = string.Intern(name);

    public override object? Eval(RenderContext ctx, Scope scope) =>
        scope.TryGet(Name, out var value) ? value : new Undefined($"'{Name}' is undefined", Position);
}
