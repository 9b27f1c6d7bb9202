using System.Globalization;
using System.Text;

namespace ChatKit.Widgets.Templates.Schema;

/// <summary>A JSON path (<c>$.items[2].title</c>) built as a linked list while descending, formatted only on error.</summary>
internal sealed class SchemaPath
{
    public static readonly SchemaPath Root = new(null, null, -1);

    private readonly SchemaPath? _parent;
    private readonly string? _property;
    private readonly int _index;

    private SchemaPath(SchemaPath? parent, string? property, int index)
    {
        _parent = parent;
        _property = property;
        _index = index;
    }

    public SchemaPath Property(string name) => new(this, name, -1);

    public SchemaPath Index(int index) => new(this, null, index);

    public override string ToString()
    {
        var segments = new List<SchemaPath>();
        for (var p = this; p._parent is not null; p = p._parent)
        {
            segments.Add(p);
        }

        var sb = new StringBuilder("$");
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var segment = segments[i];
            if (segment._property is null)
            {
                sb.Append('[').Append(segment._index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (IsIdentifier(segment._property))
            {
                sb.Append('.').Append(segment._property);
            }
            else
            {
                sb.Append("['").Append(segment._property.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }

        return sb.ToString();
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] is '_' or '$'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }
}
