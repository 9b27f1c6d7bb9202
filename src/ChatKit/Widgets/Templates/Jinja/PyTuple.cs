namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>A Python tuple: behaves as a list everywhere except in <c>str()</c>/<c>repr()</c> (<c>('a', 1)</c>).</summary>
internal sealed class PyTuple : List<object?>
{
    public PyTuple()
    {
    }

    public PyTuple(IEnumerable<object?> items)
        : base(items)
    {
    }
}
