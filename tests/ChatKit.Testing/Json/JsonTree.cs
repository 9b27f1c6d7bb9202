using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatKit.Json;

namespace ChatKit.Testing.Json;

/// <summary>How <see cref="JsonTree"/> compares two JSON trees.</summary>
public sealed class JsonTreeOptions
{
    /// <summary>Plain structural comparison, datetimes compared as instants.</summary>
    public static JsonTreeOptions Default { get; } = new();

    /// <summary>
    /// Compare strings that both look like ISO-8601 datetimes as instants (naive = UTC), so
    /// <c>2025-06-01T12:00:00.250001</c> equals <c>2025-06-01T12:00:00.250001Z</c>. On by default.
    /// </summary>
    public bool DatetimesAsInstants { get; init; } = true;

    /// <summary>When set, protocol ids inside strings are matched through this bijection instead of literally.</summary>
    public IdMap? Ids { get; init; }
}

/// <summary>Order-insensitive (for object keys) structural comparison of JSON trees with a readable diff.</summary>
public static partial class JsonTree
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DatetimePattern();

    /// <summary>Parses JSON text (throws on invalid JSON).</summary>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json);

    /// <summary>Parses UTF-8 JSON (throws on invalid JSON).</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8Json) => JsonNode.Parse(utf8Json);

    /// <summary>Fails with the first difference (path, expected, actual) when the trees differ.</summary>
    public static void AssertEqual(JsonNode? expected, JsonNode? actual, JsonTreeOptions? options = null, string? context = null)
    {
        var diff = Diff(expected, actual, options);
        if (diff is not null)
        {
            Assert.Fail(
                (context is null ? string.Empty : context + ": ") + diff + "\nexpected: " + Compact(expected) + "\nactual:   " + Compact(actual));
        }
    }

    /// <summary>Same, with JSON text on both sides.</summary>
    public static void AssertEqual(string expectedJson, string actualJson, JsonTreeOptions? options = null, string? context = null) =>
        AssertEqual(Parse(expectedJson), Parse(actualJson), options, context);

    /// <summary>The first difference between the trees, or null when they are equal.</summary>
    public static string? Diff(JsonNode? expected, JsonNode? actual, JsonTreeOptions? options = null) =>
        Diff(expected, actual, options ?? JsonTreeOptions.Default, "$");

    /// <summary>Compact JSON with non-ASCII written raw (for messages).</summary>
    public static string Compact(JsonNode? node) =>
        node is null ? "null" : node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string? Diff(JsonNode? expected, JsonNode? actual, JsonTreeOptions options, string path)
    {
        var expectedKind = expected?.GetValueKind() ?? JsonValueKind.Null;
        var actualKind = actual?.GetValueKind() ?? JsonValueKind.Null;
        if (IsBool(expectedKind) && IsBool(actualKind))
        {
            return expectedKind == actualKind ? null : $"{path}: expected {expectedKind}, got {actualKind}";
        }

        if (expectedKind != actualKind)
        {
            return $"{path}: expected a {expectedKind} ({Compact(expected)}), got a {actualKind} ({Compact(actual)})";
        }

        switch (expectedKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
            {
                var e = expected!.AsObject();
                var a = actual!.AsObject();
                var missing = e.Select(p => p.Key).Where(k => !a.ContainsKey(k)).ToList();
                if (missing.Count > 0)
                {
                    return $"{path}: missing propert{(missing.Count == 1 ? "y" : "ies")} {string.Join(", ", missing.Select(k => "'" + k + "'"))}";
                }

                var extra = a.Select(p => p.Key).Where(k => !e.ContainsKey(k)).ToList();
                if (extra.Count > 0)
                {
                    return $"{path}: unexpected propert{(extra.Count == 1 ? "y" : "ies")} {string.Join(", ", extra.Select(k => "'" + k + "'"))}";
                }

                foreach (var (key, value) in e)
                {
                    if (Diff(value, a[key], options, path + "." + key) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            }

            case JsonValueKind.Array:
            {
                var e = expected!.AsArray();
                var a = actual!.AsArray();
                if (e.Count != a.Count)
                {
                    return $"{path}: expected {e.Count} elements, got {a.Count}";
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (Diff(e[i], a[i], options, $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            }

            case JsonValueKind.Number:
            {
                var e = decimal.Parse(expected!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                var a = decimal.Parse(actual!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                return e == a ? null : $"{path}: expected {e}, got {a}";
            }

            case JsonValueKind.String:
                return DiffStrings(expected!.GetValue<string>(), actual!.GetValue<string>(), options, path);
            default:
                return $"{path}: cannot compare {expectedKind}";
        }
    }

    private static bool IsBool(JsonValueKind kind) => kind is JsonValueKind.True or JsonValueKind.False;

    private static string? DiffStrings(string expected, string actual, JsonTreeOptions options, string path)
    {
        if (options.DatetimesAsInstants && DatetimePattern().IsMatch(expected) && DatetimePattern().IsMatch(actual))
        {
            if (!ChatKitDateTimeConverter.TryParse(expected, out var e) || !ChatKitDateTimeConverter.TryParse(actual, out var a))
            {
                return $"{path}: unparseable datetime '{expected}' / '{actual}'";
            }

            return e == a ? null : $"{path}: expected instant {e:O}, got {a:O} ('{expected}' vs '{actual}')";
        }

        if (options.Ids is { } ids)
        {
            return ids.Match(expected, actual) is { } problem ? $"{path}: {problem}" : null;
        }

        return expected == actual ? null : $"{path}: expected \"{expected}\", got \"{actual}\"";
    }
}

/// <summary>
/// A bijection between ids of recorded fixtures (<c>thr_52e6b438</c>) and ids a test run produced
/// (<c>thr_0123456789abcdef</c>), built by first appearance while comparing; ids may sit inside longer strings
/// (e.g. upload URLs).
/// </summary>
public sealed partial class IdMap
{
    private readonly Dictionary<string, string> _toActual = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _toExpected = new(StringComparer.Ordinal);
    private readonly Regex? _actualShape;

    /// <summary>Creates an empty map.</summary>
    /// <param name="actualHexDigits">When set, every actual id must be <c>prefix_</c> plus exactly this many lowercase hex digits.</param>
    public IdMap(int? actualHexDigits = null)
    {
        if (actualHexDigits is { } n)
        {
            _actualShape = new Regex($"^[a-z]+_[0-9a-f]{{{n}}}$", RegexOptions.CultureInvariant);
        }
    }

    /// <summary>The protocol id prefixes (docs/protocol.md §2.6).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(thr|msg|atc|shcx|tc|wf|tsk)_[0-9a-f]{8,}(?![A-Za-z0-9_])")]
    public static partial Regex IdPattern();

    /// <summary>Number of pairs.</summary>
    public int Count => _toActual.Count;

    /// <summary>The actual id bound to a recorded id, if any.</summary>
    public string? ActualOf(string expectedId) => _toActual.GetValueOrDefault(expectedId);

    /// <summary>The recorded id bound to an actual id, if any.</summary>
    public string? ExpectedOf(string actualId) => _toExpected.GetValueOrDefault(actualId);

    /// <summary>Binds a pair explicitly (fails when it contradicts an earlier pair).</summary>
    public void Bind(string expectedId, string actualId)
    {
        if (Pair(expectedId, actualId) is { } problem)
        {
            Assert.Fail(problem);
        }
    }

    /// <summary>
    /// Rewrites a recorded request for this run: every known recorded id inside its strings becomes the actual id.
    /// Unknown ids (e.g. deliberately unknown items) are left as they are.
    /// </summary>
    public JsonNode? Translate(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Translate(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Translate).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            JsonValue.Create(IdPattern().Replace(v.GetValue<string>(), m => ActualOf(m.Value) ?? m.Value)),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>Compares two strings, pairing the ids they contain; returns a problem or null.</summary>
    public string? Match(string expected, string actual)
    {
        var e = IdPattern().Matches(expected);
        var a = IdPattern().Matches(actual);
        if (e.Count != a.Count || !Skeleton(expected, e).Equals(Skeleton(actual, a), StringComparison.Ordinal))
        {
            return $"expected \"{expected}\", got \"{actual}\"";
        }

        for (var i = 0; i < e.Count; i++)
        {
            if (Pair(e[i].Value, a[i].Value) is { } problem)
            {
                return problem + $" (in \"{expected}\" vs \"{actual}\")";
            }
        }

        return null;
    }

    private string? Pair(string expectedId, string actualId)
    {
        var expectedPrefix = expectedId[..expectedId.IndexOf('_')];
        var actualPrefix = actualId[..actualId.IndexOf('_')];
        if (expectedPrefix != actualPrefix)
        {
            return $"id '{actualId}' should have the prefix of '{expectedId}'";
        }

        if (_toActual.TryGetValue(expectedId, out var knownActual))
        {
            return knownActual == actualId ? null : $"recorded id '{expectedId}' is '{knownActual}' in this run, but '{actualId}' appeared in its place";
        }

        if (_toExpected.TryGetValue(actualId, out var knownExpected))
        {
            return $"id '{actualId}' already stands for '{knownExpected}', but appeared in place of '{expectedId}'";
        }

        if (_actualShape is not null && !_actualShape.IsMatch(actualId))
        {
            return $"id '{actualId}' does not have the expected shape {_actualShape}";
        }

        _toActual[expectedId] = actualId;
        _toExpected[actualId] = expectedId;
        return null;
    }

    private static string Skeleton(string text, MatchCollection ids)
    {
        var builder = new StringBuilder(text.Length);
        var last = 0;
        foreach (Match m in ids)
        {
            builder.Append(text, last, m.Index - last).Append('\u0000').Append(m.Value[..m.Value.IndexOf('_')]);
            last = m.Index + m.Length;
        }

        return builder.Append(text, last, text.Length - last).ToString();
    }
}
