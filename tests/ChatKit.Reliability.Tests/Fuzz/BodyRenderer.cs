using System.Text;
using System.Text.Json.Nodes;

namespace ChatKit.Reliability.Tests.Fuzz;

/// <summary>Turns a <see cref="FuzzCase"/> and a valid base body into the bytes that are sent.</summary>
public static class BodyRenderer
{
    // Raw values are put in as a placeholder string and swapped in the text: JsonNode cannot hold 1e400, nesting
    // deeper than its own limit, or a lone surrogate escape.
    private const string Placeholder = "@@FUZZ_RAW@@";

    private static readonly string[] OtherTypes = ["null", "42", "\"\"", "\"THREADS.LIST\"", "\"threads.list \"", "\"threads\"", "{}", "[\"threads.list\"]"];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC0, 0xAF], [0xE2, 0x82],
    ];

    /// <summary>Renders the body.</summary>
    /// <param name="fuzzCase">The case.</param>
    /// <param name="fixtures">The valid bodies by type.</param>
    /// <param name="threadId">The user's thread, used when the case asks for real ids.</param>
    /// <param name="itemIds">Items of that thread.</param>
    public static byte[] Render(FuzzCase fuzzCase, IReadOnlyDictionary<string, JsonObject> fixtures, string? threadId, IReadOnlyList<string> itemIds)
    {
        var root = fixtures[fuzzCase.BaseType].DeepClone().AsObject();
        if (fuzzCase.RealIds && threadId is not null)
        {
            UseRealIds(root, fuzzCase, threadId, itemIds);
        }

        string? raw = null;
        switch (fuzzCase.Kind)
        {
            case MutationKind.ReplaceValue:
            {
                var slots = Slots(root);
                var (parent, key, index) = slots[fuzzCase.Target % slots.Count];
                raw = Replacement(fuzzCase.Variant, fuzzCase.Size);
                Set(parent, key, index, Placeholder);
                break;
            }

            case MutationKind.RemoveProperty:
            {
                var properties = Slots(root).Where(s => s.Key is not null).ToList();
                var (parent, key, _) = properties[fuzzCase.Target % properties.Count];
                ((JsonObject)parent).Remove(key!);
                break;
            }

            case MutationKind.UnknownField:
            {
                var objects = Objects(root).ToList();
                objects[fuzzCase.Target % objects.Count]["zz_unknown_" + (fuzzCase.Variant % 7)] = Placeholder;
                raw = Replacement(fuzzCase.Variant / 7, Math.Min(fuzzCase.Size, 5_000));
                break;
            }

            case MutationKind.WrongType:
            {
                var types = fixtures.Keys.Order(StringComparer.Ordinal).ToList();
                var pick = fuzzCase.Variant % (types.Count + OtherTypes.Length);
                if (pick < types.Count)
                {
                    root["type"] = types[pick];
                }
                else
                {
                    root["type"] = Placeholder;
                    raw = OtherTypes[pick - types.Count];
                }

                break;
            }
        }

        var text = root.ToJsonString();
        if (raw is not null)
        {
            text = text.Replace("\"" + Placeholder + "\"", raw, StringComparison.Ordinal);
        }

        if (fuzzCase.Kind == MutationKind.DuplicateKey)
        {
            text = Duplicate(text, fuzzCase, fixtures);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return fuzzCase.Kind switch
        {
            MutationKind.InvalidUtf8 => InsertBadUtf8(bytes, fuzzCase),
            MutationKind.Truncated => bytes[..(fuzzCase.Size % bytes.Length)],
            MutationKind.Garbage => Garbage(fuzzCase),
            _ => bytes,
        };
    }

    private static void UseRealIds(JsonObject root, FuzzCase fuzzCase, string threadId, IReadOnlyList<string> itemIds)
    {
        var item = itemIds.Count == 0 ? "msg_none" : itemIds[fuzzCase.Variant % itemIds.Count];
        foreach (var node in Objects(root).ToList())
        {
            foreach (var name in node.Select(p => p.Key).ToList())
            {
                switch (name)
                {
                    case "thread_id":
                        node[name] = threadId;
                        break;
                    case "item_id":
                        node[name] = item;
                        break;
                    case "item_ids":
                        node[name] = new JsonArray(item);
                        break;
                    case "after" when node[name] is not null:
                        node[name] = fuzzCase.BaseType == "threads.list" ? threadId : item;
                        break;
                    case "attachments" when node[name] is JsonArray:
                        // Unknown attachment ids only test the 404; real ones need an upload, which the fault suite does.
                        node[name] = new JsonArray();
                        break;
                }
            }
        }
    }

    /// <summary>A replacement value as JSON text.</summary>
    private static string Replacement(int variant, int size) => (variant % 19) switch
    {
        0 => "null",
        1 => "true",
        2 => "0",
        3 => "-1",
        4 => "2147483648",
        5 => "-9223372036854775809",
        6 => "1e400",
        7 => "1.5",
        8 => "\"\"",
        9 => "\"" + new string('x', size) + "\"",
        10 => "\"\\ud800x\\u0000\\u202e\\uffff\"",
        11 => "[]",
        12 => "[1,\"a\",null,{},[]]",
        13 => "{}",
        14 => "{\"type\":\"input_text\",\"text\":\"x\",\"extra\":[1]}",
        15 => new string('[', 1 + (size % 400)) + new string(']', 1 + (size % 400)),
        16 => string.Concat(Enumerable.Repeat("{\"a\":", 1 + (size % 400))) + "1" + new string('}', 1 + (size % 400)),
        17 => "\"thr_" + new string('9', size) + "\"",
        _ => "\"" + string.Concat(Enumerable.Repeat("é😀\u4e2d", 1 + (size % 20_000))) + "\"",
    };

    private static string Duplicate(string text, FuzzCase fuzzCase, IReadOnlyDictionary<string, JsonObject> fixtures)
    {
        var types = fixtures.Keys.Order(StringComparer.Ordinal).ToList();
        var other = types[fuzzCase.Variant % types.Count];
        if (fuzzCase.Target % 2 == 0)
        {
            // A second "type" first: which one wins must not matter for safety.
            return "{\"type\":\"" + other + "\"," + text[1..];
        }

        var at = text.IndexOf("\"params\":{", StringComparison.Ordinal);
        return at < 0 ? text : text.Insert(at + "\"params\":{".Length, "\"thread_id\":\"thr_duplicate\",\"input\":null,");
    }

    private static byte[] InsertBadUtf8(byte[] bytes, FuzzCase fuzzCase)
    {
        var quotes = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'"').ToList();
        var at = quotes.Count == 0 ? 0 : quotes[fuzzCase.Target % quotes.Count] + 1;
        var bad = BadUtf8[fuzzCase.Variant % BadUtf8.Length];
        return [.. bytes[..at], .. bad, .. bytes[at..]];
    }

    private static byte[] Garbage(FuzzCase fuzzCase)
    {
        var bytes = new byte[fuzzCase.Size % 2_000];
        new Random(fuzzCase.Variant).NextBytes(bytes);
        return bytes;
    }

    private static List<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode root)
    {
        var slots = new List<(JsonNode, string?, int)>();
        void Walk(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        slots.Add((o, key, -1));
                        if (value is not null)
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        slots.Add((a, null, i));
                        if (a[i] is { } element)
                        {
                            Walk(element);
                        }
                    }

                    break;
            }
        }

        Walk(root);
        return slots;
    }

    private static IEnumerable<JsonObject> Objects(JsonNode root)
    {
        if (root is JsonObject o)
        {
            yield return o;
        }

        IEnumerable<JsonNode?> children = root switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is not null)
            {
                foreach (var nested in Objects(child))
                {
                    yield return nested;
                }
            }
        }
    }

    private static void Set(JsonNode parent, string? key, int index, string value)
    {
        if (parent is JsonObject o)
        {
            o[key!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }
    }
}
