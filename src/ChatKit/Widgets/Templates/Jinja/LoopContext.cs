namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>The <c>loop</c> variable inside a <c>for</c> body.</summary>
internal sealed class LoopContext(IReadOnlyList<object?> items)
{
    public int Index0 { get; set; }

    public int Length => items.Count;

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "index" => (long)(Index0 + 1),
            "index0" => (long)Index0,
            "revindex" => (long)(Length - Index0),
            "revindex0" => (long)(Length - Index0 - 1),
            "first" => Index0 == 0,
            "last" => Index0 == Length - 1,
            "length" => (long)Length,
            "depth" => 1L, // only recursive loops (not supported) go deeper
            "depth0" => 0L,
            "previtem" => Index0 > 0 ? items[Index0 - 1] : new Undefined("there is no previous item", -1),
            "nextitem" => Index0 < Length - 1 ? items[Index0 + 1] : new Undefined("there is no next item", -1),
            _ => null,
        };
        return name is "index" or "index0" or "revindex" or "revindex0" or "first" or "last" or "length"
            or "depth" or "depth0" or "previtem" or "nextitem";
    }

    /// <summary><c>loop.cycle(a, b, ...)</c>: the argument at <c>index0 % count</c>.</summary>
    public object? Cycle(IReadOnlyList<object?> values) => values.Count == 0 ? null : values[Index0 % values.Count];
}
