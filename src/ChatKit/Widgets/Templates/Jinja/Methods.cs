namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>The few Python methods templates may call: on dicts, strings, and <c>loop.cycle</c>; plus <c>range()</c>.</summary>
internal static class Methods
{
    public static object? Call(object? target, string name, CallArgs args)
    {
        switch (target)
        {
            case Dictionary<string, object?> dict:
                switch (name)
                {
                    case "items":
                        return dict.Select(kv => (object?)new PyTuple { kv.Key, kv.Value }).ToList();
                    case "keys":
                        return dict.Keys.Select(k => (object?)k).ToList();
                    case "values":
                        return dict.Values.ToList();
                    case "get":
                        return args.Get(0, "key") is string key && dict.TryGetValue(key, out var v) ? v : args.Get(1, "default");
                }

                break;
            case string s:
                switch (name)
                {
                    case "upper":
                        return s.ToUpperInvariant();
                    case "lower":
                        return s.ToLowerInvariant();
                    case "strip":
                        return args.Get(0, "chars") is string c1 ? s.Trim(c1.ToCharArray()) : s.Trim();
                    case "lstrip":
                        return args.Get(0, "chars") is string c2 ? s.TrimStart(c2.ToCharArray()) : s.TrimStart();
                    case "rstrip":
                        return args.Get(0, "chars") is string c3 ? s.TrimEnd(c3.ToCharArray()) : s.TrimEnd();
                    case "startswith":
                        return s.StartsWith(RequireString(args.Get(0, "prefix")), StringComparison.Ordinal);
                    case "endswith":
                        return s.EndsWith(RequireString(args.Get(0, "suffix")), StringComparison.Ordinal);
                    case "split":
                        return Split(s, args.Get(0, "sep") as string, args.Get(1, "maxsplit", -1L) is long max ? max : -1);
                    case "replace":
                        var old = RequireString(args.Get(0, "old"));
                        var replacement = RequireString(args.Get(1, "new"));
                        var count = args.Get(2, "count") is long n ? n : -1;
                        return Replace(s, old, replacement, count);
                    case "join":
                        return string.Join(s, PyOps.Iterate(args.Get(0, "iterable")).Select(x => x as string ?? throw new PyTypeError($"sequence item: expected str instance, {PyFormat.TypeName(x)} found")));
                }

                break;
            case LoopContext loop when name == "cycle":
                return loop.Cycle(args.Positional);
        }

        throw new PyTypeError($"'{PyFormat.TypeName(target)}' object has no method '{name}'");
    }

    public static object? Range(CallArgs args)
    {
        long Arg(int i) => args.Positional[i] is long l ? l : throw new PyTypeError("range() arguments must be integers");
        var (start, stop, step) = args.Count switch
        {
            1 => (0L, Arg(0), 1L),
            2 => (Arg(0), Arg(1), 1L),
            3 => (Arg(0), Arg(1), Arg(2)),
            _ => throw new PyTypeError("range expected 1 to 3 arguments"),
        };
        if (step == 0)
        {
            throw new PyTypeError("range() arg 3 must not be zero");
        }

        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            if (result.Count >= 100_000)
            {
                throw new PyTypeError("range() is limited to 100000 items in templates");
            }

            result.Add(i);
        }

        return result;
    }

    private static string RequireString(object? value) =>
        value as string ?? throw new PyTypeError($"expected a string argument, got {PyFormat.TypeName(value)}");

    private static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? Replace(s, old, replacement, s.Length + 1) : s.Replace(old, replacement, StringComparison.Ordinal);
        }

        var sb = new System.Text.StringBuilder();
        var pos = 0;
        for (var done = 0L; done < count; done++)
        {
            if (old.Length == 0)
            {
                sb.Append(replacement);
                if (pos < s.Length)
                {
                    sb.Append(s[pos]);
                }

                pos++;
                if (pos > s.Length)
                {
                    return sb.ToString();
                }

                continue;
            }

            var found = s.IndexOf(old, pos, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            sb.Append(s, pos, found - pos).Append(replacement);
            pos = found + old.Length;
        }

        if (pos < s.Length)
        {
            sb.Append(s, pos, s.Length - pos);
        }

        return sb.ToString();
    }

    private static List<object?> Split(string s, string? separator, long maxSplit)
    {
        var result = new List<object?>();
        if (separator is null)
        {
            var parts = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (maxSplit < 0 || parts.Length <= maxSplit + 1)
            {
                result.AddRange(parts);
                return result;
            }

            var remaining = s.TrimStart();
            for (var i = 0; i < maxSplit; i++)
            {
                var end = 0;
                while (end < remaining.Length && !char.IsWhiteSpace(remaining[end]))
                {
                    end++;
                }

                result.Add(remaining[..end]);
                remaining = remaining[end..].TrimStart();
            }

            if (remaining.Length > 0)
            {
                result.Add(remaining);
            }

            return result;
        }

        if (separator.Length == 0)
        {
            throw new PyTypeError("empty separator");
        }

        result.AddRange(maxSplit < 0
            ? s.Split(separator)
            : s.Split(separator, (int)Math.Min(int.MaxValue, maxSplit + 1)));
        return result;
    }
}
