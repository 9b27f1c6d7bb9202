using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ChatKit.Json;
using ChatKit.Server;

namespace ChatKit.Tests.Server;

/// <summary>
/// A <c>null</c> element of a typed list or map in a request is a 400 naming where it is, as the reference rejects it;
/// free-form JSON keeps its nulls. The cases come from the full bodies above, and a guard makes sure every typed
/// collection a request can carry is among them.
/// </summary>
public sealed partial class InboundLeniencyTests
{
    /// <summary>Every typed list or map reachable from a request. A new one fails the guard until it is listed here.</summary>
    private static readonly string[] TypedCollections =
    [
        "ItemsFeedbackParams.item_ids",
        "StructuredInputAnswer.values",
        "StructuredInputSubmission.answers",
        "UserMessageInput.attachments",
        "UserMessageInput.content",
    ];

    /// <summary>A list or map whose elements are typed; a list of free-form JSON values would keep its nulls.</summary>
    private static bool IsTypedCollection(JsonTypeInfo info) =>
        info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary &&
        info.ElementType != typeof(object) && !typeof(JsonNode).IsAssignableFrom(info.ElementType);

    /// <summary>Each typed collection in each full body, with a null put first (replacing an element) or added last.</summary>
    public static TheoryData<string, string, bool> NullElementCases
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (var (type, body) in FullBodies)
            {
                foreach (var found in PropertiesIn(body).Where(f => IsTypedCollection(f.Type)))
                {
                    data.Add(type, string.Join('/', found.Path), false);
                    data.Add(type, string.Join('/', found.Path), true);
                }
            }

            return data;
        }
    }

    /// <summary>The body with a null element in the collection at <paramref name="path"/>, and where that null is.</summary>
    private static (string Body, string Location) WithNullElement(string body, string[] path, bool last)
    {
        var root = JsonNode.Parse(body)!;
        var location = "";
        JsonNode node = root;
        foreach (var step in path)
        {
            if (node is JsonArray array)
            {
                location += $"[{step}]";
                node = array[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]!;
            }
            else
            {
                location += $".{step}";
                node = node[step]!;
            }
        }

        switch (node)
        {
            case JsonArray array:
                Assert.NotEmpty(array);
                if (last)
                {
                    array.Add(null);
                }
                else
                {
                    array[0] = null;
                }

                location += $"[{(last ? array.Count - 1 : 0)}]";
                break;
            case JsonObject map:
                var key = last ? "added" : map.First().Key;
                Assert.False(last && map.ContainsKey(key));
                map[key] = null;
                location += $".{key}";
                break;
            default:
                throw new InvalidOperationException($"{string.Join('/', path)} is not a list or map in the body.");
        }

        return (root.ToJsonString(), location.TrimStart('.'));
    }

    /// <summary>The same body with <c>type</c> moved last: the parser then reads it through the polymorphic contract.</summary>
    private static string TypeLast(string body)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        var type = root["type"]!.DeepClone();
        root.Remove("type");
        root["type"] = type;
        return root.ToJsonString();
    }

    [Fact]
    public void Every_typed_collection_of_a_request_is_listed_and_has_null_element_cases()
    {
        var declared = DeclaredMembers().Where(m => IsTypedCollection(m.Value)).Select(m => m.Key);
        Assert.Equal(TypedCollections, declared.ToArray());
        var covered = FullBodies.Values.SelectMany(PropertiesIn).Where(f => IsTypedCollection(f.Type)).Select(f => f.Member);
        Assert.Equal(TypedCollections, covered.Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(NullElementCases))]
    public void A_null_element_of_a_typed_collection_is_a_bad_request_naming_it(string type, string path, bool last)
    {
        var (body, location) = WithNullElement(FullBodies[type], path.Split('/'), last);
        Assert.StartsWith("params.", location, StringComparison.Ordinal);

        // The type-first fast path (the concrete request contract) and the polymorphic path reject it alike.
        foreach (var variant in new[] { body, TypeLast(body) })
        {
            var error = Assert.Throws<ChatKitBadRequestException>(() => Parse(variant));
            Assert.Equal(400, error.StatusCode);
            Assert.Equal($"Invalid '{type}' request: '{location}' must not be null.", error.Message);
        }

        // So does the wire contract itself, for anyone reading requests without the parser.
        var thrown = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(body, ChatKitJson.Wire.ChatKitRequest));
        Assert.Equal($"'{location}' must not be null.", thrown.Message);
    }

    [Theory]
    [InlineData("""{"type":"items.feedback","params":{"thread_id":"t","item_ids":["a",null,"b"],"kind":"positive"}}""", "params.item_ids[1]")]
    [InlineData("""{"type":"threads.add_structured_input","params":{"thread_id":"t","item_id":"i","input":{"answers":{"a":{"values":[]},"b":{"values":["x",null]}}}}}""", "params.input.answers.b.values[1]")]
    [InlineData("""{"type":"threads.add_structured_input","params":{"thread_id":"t","item_id":"i","input":{"answers":{"a.b":null}}}}""", "params.input.answers['a.b']")]
    [InlineData("""{"params":{"input":{"content":[],"attachments":[null],"inference_options":{}}},"type":"threads.create"}""", "params.input.attachments[0]")]
    public void The_message_names_the_null_element_as_a_json_path(string body, string location)
    {
        var error = Assert.Throws<ChatKitBadRequestException>(() => Parse(body));
        Assert.EndsWith($": '{location}' must not be null.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_form_json_keeps_nulls_anywhere_inside_it()
    {
        const string FreeForm = """{"a":null,"b":[null,1,{"c":null}],"d":{"e":[null]}}""";
        (string Body, string[] FreeFormPaths)[] cases =
        [
            ("""{"type":"threads.create","metadata":FREE_FORM,"params":{"input":{"content":[{"type":"input_tag","id":"x","text":"X","data":FREE_FORM}],"attachments":[],"inference_options":{}}}}""".Replace("FREE_FORM", FreeForm, StringComparison.Ordinal),
                ["metadata", "params/input/content/0/data"]),
            ("""{"type":"threads.custom_action","params":{"thread_id":"t","action":{"type":"a","payload":FREE_FORM}}}""".Replace("FREE_FORM", FreeForm, StringComparison.Ordinal), ["params/action/payload"]),
            ("""{"type":"threads.sync_custom_action","params":{"thread_id":"t","action":{"type":"a","payload":[null,[null]]}}}""", ["params/action/payload"]),
            ("""{"type":"threads.add_client_tool_output","params":{"thread_id":"t","result":FREE_FORM}}""".Replace("FREE_FORM", FreeForm, StringComparison.Ordinal), ["params/result"]),
            ("""{"type":"threads.add_client_tool_output","params":{"thread_id":"t","result":[null]}}""", ["params/result"]),
            ("""{"type":"items.feedback","metadata":FREE_FORM,"params":{"thread_id":"t","item_ids":[],"kind":"negative"}}""".Replace("FREE_FORM", FreeForm, StringComparison.Ordinal), ["metadata"]),
        ];
        foreach (var (body, paths) in cases)
        {
            foreach (var variant in new[] { body, TypeLast(body) })
            {
                // Written back, each free-form value is exactly as sent, nulls included.
                var written = JsonNode.Parse(Write(Parse(variant)))!;
                var sent = JsonNode.Parse(variant)!;
                foreach (var path in paths)
                {
                    var expected = At(sent, path);
                    Assert.Contains("null", expected.ToJsonString(), StringComparison.Ordinal);
                    Assert.True(JsonNode.DeepEquals(expected, At(written, path)), $"{variant}: {path} -> {written.ToJsonString()}");
                }
            }
        }

        static JsonNode At(JsonNode root, string path) =>
            path.Split('/').Aggregate(root, (node, step) => node is JsonArray a ? a[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!);
    }

    /// <summary>
    /// The check is for requests only: stores read what they wrote before it existed, e.g. an answer saved from a
    /// submission that had a null value.
    /// </summary>
    [Fact]
    public void Stored_items_with_null_elements_still_read()
    {
        var item = new StructuredInputItem
        {
            Id = "msg_1", ThreadId = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch, Status = StructuredInputStatus.Answered,
            Inputs = [new FreeformInput { Id = "q", Question = "?", Answer = new StructuredInputAnswer { Values = ["a", null!] } }],
        };
        var json = ChatKitJson.SerializeItemForStorage(item);
        Assert.Contains("""["a",null]""", json, StringComparison.Ordinal);
        var read = Assert.IsType<StructuredInputItem>(ChatKitJson.DeserializeStoredItem(json));
        Assert.Equal(new string?[] { "a", null }, read.Inputs[0].Answer!.Values.ToArray<string?>());
    }
}
