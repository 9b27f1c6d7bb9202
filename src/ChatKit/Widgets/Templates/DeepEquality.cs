namespace ChatKit.Widgets.Templates;

/// <summary>
/// Deep equality of template values (lists, string-keyed dictionaries, scalars). The walk is shared; what counts as
/// equal scalars is not (Jinja follows Python, where <c>True == 1</c>; JSON Schema keeps booleans apart from numbers),
/// so the caller passes that rule.
/// </summary>
internal static class DeepEquality
{
    /// <summary>Lists element by element, dictionaries key by key (order-free), anything else by <paramref name="scalarEquals"/>.</summary>
    public static bool Equals(object? a, object? b, Func<object?, object?, bool> scalarEquals)
    {
        switch (a)
        {
            case List<object?> la when b is List<object?> lb:
                if (la.Count != lb.Count)
                {
                    return false;
                }

                for (var i = 0; i < la.Count; i++)
                {
                    if (!Equals(la[i], lb[i], scalarEquals))
                    {
                        return false;
                    }
                }

                return true;
            case Dictionary<string, object?> da when b is Dictionary<string, object?> db:
                if (da.Count != db.Count)
                {
                    return false;
                }

                foreach (var (key, value) in da)
                {
                    if (!db.TryGetValue(key, out var other) || !Equals(value, other, scalarEquals))
                    {
                        return false;
                    }
                }

                return true;
            case List<object?> or Dictionary<string, object?>:
                return false;
            default:
                return b is not (List<object?> or Dictionary<string, object?>) && scalarEquals(a, b);
        }
    }
}
