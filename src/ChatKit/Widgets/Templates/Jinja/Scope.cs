namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>
/// A variable frame. The root frame sits on top of the data variables; every <c>for</c> iteration gets a fresh
/// child frame (Jinja semantics: assignments inside a loop body do not leak out of the iteration).
/// Frames hold few variables, so they are small arrays searched linearly.
/// </summary>
internal sealed class Scope
{
    private readonly Scope? _parent;
    private readonly IReadOnlyDictionary<string, object?>? _globals;
    private string[] _names = new string[4];
    private object?[] _values = new object?[4];
    private int _count;

    public Scope(IReadOnlyDictionary<string, object?>? globals)
    {
        _globals = globals;
    }

    public Scope(Scope parent)
    {
        _parent = parent;
    }

    public bool TryGet(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            var names = scope._names;
            for (var i = scope._count - 1; i >= 0; i--)
            {
                if (ReferenceEquals(names[i], name) || names[i] == name)
                {
                    value = scope._values[i];
                    return true;
                }
            }

            if (scope._globals is not null && scope._globals.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Set(string name, object? value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_names[i], name) || _names[i] == name)
            {
                _values[i] = value;
                return;
            }
        }

        if (_count == _names.Length)
        {
            Array.Resize(ref _names, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }

        _names[_count] = name;
        _values[_count] = value;
        _count++;
    }

    /// <summary>Forgets the frame's own variables (reuse between loop iterations).</summary>
    public void Clear()
    {
        Array.Clear(_values, 0, _count);
        _count = 0;
    }
}
