namespace ChatKit.Postgres;

/// <summary>The events of one batch as stored in a <c>run_events</c> row: their JSON joined by newlines.</summary>
internal static class RunEventRows
{
    // Event JSON never holds a raw newline (it is escaped inside strings), so newline-joined events split back exactly.
    public static byte[] Join(IReadOnlyList<ReadOnlyMemory<byte>> events)
    {
        var length = events.Count - 1;
        foreach (var e in events)
        {
            length += e.Length;
        }

        var joined = new byte[length];
        var at = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                joined[at++] = (byte)'\n';
            }

            events[i].Span.CopyTo(joined.AsSpan(at));
            at += events[i].Length;
        }

        return joined;
    }

    public static List<ReadOnlyMemory<byte>> Split(byte[] joined)
    {
        var events = new List<ReadOnlyMemory<byte>>();
        if (joined.Length == 0)
        {
            return events;
        }

        var start = 0;
        while (true)
        {
            var newline = Array.IndexOf(joined, (byte)'\n', start);
            if (newline < 0)
            {
                events.Add(joined.AsMemory(start));
                return events;
            }

            events.Add(joined.AsMemory(start, newline - start));
            start = newline + 1;
        }
    }
}
