using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Testing;

namespace ChatKit.Tests.Server;

/// <summary>
/// docs/protocol.md §2.4 and §3: an explicit <c>null</c> for an optional request field means the same as leaving it out,
/// while a required field that is null or missing is a 400. Every property of every request type (and of every
/// type they contain) is classified below from the spec; a metadata walk makes sure none is left out.
/// </summary>
public sealed partial class InboundLeniencyTests
{
    private enum Field
    {
        /// <summary>May be left out or null; null reads as its default.</summary>
        Optional,

        /// <summary>Must be present and not null.</summary>
        Required,

        /// <summary>Must be present; null is a valid value (<c>threads.add_client_tool_output</c> <c>result</c>).</summary>
        RequiredNullable,
    }

    private const string Input = """
        {"content":[{"type":"input_text","text":"Compare "},{"type":"input_tag","id":"doc_1","text":"Q2","data":{"k":1},"group":"Docs","interactive":true}],
         "attachments":["atc_1"],"quoted_text":"q","inference_options":{"tool_choice":{"id":"web"},"model":"m"}}
        """;

    /// <summary>One body per request type with every field the protocol defines set to a non-null value.</summary>
    private static readonly Dictionary<string, string> FullBodies = new()
    {
        ["threads.create"] = $$$"""{"type":"threads.create","params":{"input":{{{Input}}}},"metadata":{"k":1}}""",
        ["threads.add_user_message"] = $$$"""{"type":"threads.add_user_message","params":{"thread_id":"thr_1","input":{{{Input}}}},"metadata":{"k":1}}""",
        ["threads.add_client_tool_output"] = """{"type":"threads.add_client_tool_output","params":{"thread_id":"thr_1","result":{"ok":true}},"metadata":{"k":1}}""",
        ["threads.add_structured_input"] = """{"type":"threads.add_structured_input","params":{"thread_id":"thr_1","item_id":"msg_1","input":{"status":"skipped","answers":{"q":{"values":["a"],"skipped":true}}}},"metadata":{"k":1}}""",
        ["threads.retry_after_item"] = """{"type":"threads.retry_after_item","params":{"thread_id":"thr_1","item_id":"msg_1"},"metadata":{"k":1}}""",
        ["threads.custom_action"] = """{"type":"threads.custom_action","params":{"thread_id":"thr_1","item_id":"msg_1","action":{"type":"a","payload":{"x":1}}},"metadata":{"k":1}}""",
        ["threads.sync_custom_action"] = """{"type":"threads.sync_custom_action","params":{"thread_id":"thr_1","item_id":"msg_1","action":{"type":"a","payload":{"x":1}}},"metadata":{"k":1}}""",
        ["threads.get_by_id"] = """{"type":"threads.get_by_id","params":{"thread_id":"thr_1"},"metadata":{"k":1}}""",
        ["threads.list"] = """{"type":"threads.list","params":{"limit":5,"order":"asc","after":"thr_1"},"metadata":{"k":1}}""",
        ["threads.update"] = """{"type":"threads.update","params":{"thread_id":"thr_1","title":"t"},"metadata":{"k":1}}""",
        ["threads.delete"] = """{"type":"threads.delete","params":{"thread_id":"thr_1"},"metadata":{"k":1}}""",
        ["items.list"] = """{"type":"items.list","params":{"thread_id":"thr_1","limit":5,"order":"asc","after":"msg_1"},"metadata":{"k":1}}""",
        ["items.feedback"] = """{"type":"items.feedback","params":{"thread_id":"thr_1","item_ids":["msg_1"],"kind":"positive"},"metadata":{"k":1}}""",
        ["attachments.create"] = """{"type":"attachments.create","params":{"name":"a.png","size":5,"mime_type":"image/png"},"metadata":{"k":1}}""",
        ["attachments.delete"] = """{"type":"attachments.delete","params":{"attachment_id":"atc_1"},"metadata":{"k":1}}""",
        ["input.transcribe"] = """{"type":"input.transcribe","params":{"audio_base64":"AAAA","mime_type":"audio/webm"},"metadata":{"k":1}}""",
        ["threads.stop_run"] = """{"type":"threads.stop_run","params":{"thread_id":"thr_1"},"metadata":{"k":1}}""",
        ["threads.resume_run"] = """{"type":"threads.resume_run","params":{"thread_id":"thr_1","after":"run_1.5"},"metadata":{"k":1}}""",
    };

    /// <summary>
    /// Each field, as <c>request type + " " + path</c>; array elements are written <c>[]</c> or, when polymorphic,
    /// <c>[discriminator]</c>, dictionary values <c>{}</c>. From docs/protocol.md §3.1, §3.3 and §3.4.
    /// </summary>
    private static readonly Dictionary<string, Field> Spec = BuildSpec();

    private static Dictionary<string, Field> BuildSpec()
    {
        var spec = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var type in ChatKitRequest.TypeNames)
        {
            spec[$"{type} metadata"] = Field.Optional;
            spec[$"{type} params"] = Field.Required;
        }

        void Add(string type, Field field, params string[] paths)
        {
            foreach (var path in paths)
            {
                spec[$"{type} params.{path}"] = field;
            }
        }

        foreach (var type in new[] { "threads.create", "threads.add_user_message" })
        {
            Add(type, Field.Required, "input", "input.content", "input.attachments", "input.inference_options",
                "input.content[input_text].text", "input.content[input_tag].id", "input.content[input_tag].text",
                "input.inference_options.tool_choice.id");
            Add(type, Field.Optional, "input.quoted_text", "input.inference_options.tool_choice", "input.inference_options.model",
                "input.content[input_tag].data", "input.content[input_tag].group", "input.content[input_tag].interactive");
        }

        foreach (var type in new[] { "threads.add_user_message", "threads.add_client_tool_output", "threads.add_structured_input",
                     "threads.retry_after_item", "threads.custom_action", "threads.sync_custom_action", "threads.get_by_id",
                     "threads.update", "threads.delete", "items.list", "items.feedback", "threads.stop_run", "threads.resume_run" })
        {
            Add(type, Field.Required, "thread_id");
        }

        Add("threads.add_client_tool_output", Field.RequiredNullable, "result");
        Add("threads.add_structured_input", Field.Required, "item_id", "input");
        Add("threads.add_structured_input", Field.Optional, "input.status", "input.answers", "input.answers{}.values", "input.answers{}.skipped");
        Add("threads.retry_after_item", Field.Required, "item_id");
        foreach (var type in new[] { "threads.custom_action", "threads.sync_custom_action" })
        {
            Add(type, Field.Required, "action", "action.type");
            Add(type, Field.Optional, "item_id", "action.payload");
        }

        Add("threads.update", Field.Required, "title");
        Add("threads.list", Field.Optional, "limit", "order", "after");
        Add("items.list", Field.Optional, "limit", "order", "after");
        Add("items.feedback", Field.Required, "item_ids", "kind");
        Add("attachments.create", Field.Required, "name", "size", "mime_type");
        Add("attachments.delete", Field.Required, "attachment_id");
        Add("input.transcribe", Field.Required, "audio_base64", "mime_type");
        Add("threads.resume_run", Field.Optional, "after");
        return spec;
    }

    /// <summary>A property found in a request body: where it is, which declared property reads it, and its type.</summary>
    private sealed record Found(string Key, string[] Path, string Member, JsonTypeInfo Type);

    /// <summary>Walks a body alongside the request metadata, listing every protocol property present in it.</summary>
    private static List<Found> PropertiesIn(string body)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        var type = (string)root["type"]!;
        var found = new List<Found>();
        Walk(root, ChatKitJson.Wire.ChatKitRequest, type, "", [], found);
        return found;
    }

    private static void Walk(JsonNode? node, JsonTypeInfo info, string type, string key, string[] path, List<Found> found)
    {
        switch (node)
        {
            case JsonObject obj when info.Kind == JsonTypeInfoKind.Object:
                info = Concrete(info, obj);
                foreach (var property in Bound(info))
                {
                    if (obj.TryGetPropertyValue(property.Name, out var child))
                    {
                        var childKey = key.Length == 0 ? property.Name : $"{key}.{property.Name}";
                        string[] childPath = [.. path, property.Name];
                        var childInfo = info.Options.GetTypeInfo(property.PropertyType);
                        found.Add(new Found($"{type} {childKey}", childPath, $"{info.Type.Name}.{property.Name}", childInfo));
                        Walk(child, childInfo, type, childKey, childPath, found);
                    }
                }

                break;
            case JsonArray array when info.Kind == JsonTypeInfoKind.Enumerable:
                var elementInfo = info.Options.GetTypeInfo(info.ElementType!);
                for (var i = 0; i < array.Count; i++)
                {
                    var label = array[i] is JsonObject element && elementInfo.PolymorphismOptions is { } poly
                        ? (string?)element[poly.TypeDiscriminatorPropertyName] : "";
                    Walk(array[i], elementInfo, type, $"{key}[{label}]", [.. path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)], found);
                }

                break;
            case JsonObject map when info.Kind == JsonTypeInfoKind.Dictionary:
                foreach (var (name, value) in map)
                {
                    Walk(value, info.Options.GetTypeInfo(info.ElementType!), type, $"{key}{{}}", [.. path, name], found);
                }

                break;
        }
    }

    /// <summary>The properties JSON binds to (<c>[JsonIgnore]</c> ones are listed too, without accessors).</summary>
    private static IEnumerable<JsonPropertyInfo> Bound(JsonTypeInfo info) => info.Properties.Where(p => p.Get is not null || p.Set is not null);

    private static JsonTypeInfo Concrete(JsonTypeInfo info, JsonObject obj)
    {
        if (info.PolymorphismOptions is not { } poly)
        {
            return info;
        }

        var discriminator = (string?)obj[poly.TypeDiscriminatorPropertyName];
        var derived = poly.DerivedTypes.Single(d => (string?)d.TypeDiscriminator == discriminator).DerivedType;
        return info.Options.GetTypeInfo(derived);
    }

    private static JsonObject Parent(JsonNode root, string[] path) =>
        path[..^1].Aggregate(root, (node, step) => node is JsonArray a ? a[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!).AsObject();

    private static string With(string body, string[] path, Action<JsonObject, string> change)
    {
        var root = JsonNode.Parse(body)!;
        change(Parent(root, path), path[^1]);
        return root.ToJsonString();
    }

    private static string Nulled(string body, string[] path) => With(body, path, (o, name) => o[name] = null);

    private static string Removed(string body, string[] path) => With(body, path, (o, name) => o.Remove(name));

    private static ChatKitRequest Parse(string body) => ChatKitRequestParser.Parse(Encoding.UTF8.GetBytes(body));

    private static string Write(ChatKitRequest request) => JsonSerializer.Serialize(request, ChatKitJson.Wire.ChatKitRequest);

    private static TheoryData<string, string> Fields(Field kind)
    {
        var data = new TheoryData<string, string>();
        foreach (var (type, body) in FullBodies)
        {
            foreach (var found in PropertiesIn(body).Where(f => Spec.TryGetValue(f.Key, out var k) && k == kind))
            {
                data.Add(type, string.Join('/', found.Path));
            }
        }

        return data;
    }

    public static TheoryData<string, string> OptionalFields => Fields(Field.Optional);

    public static TheoryData<string, string> RequiredFields => Fields(Field.Required);

    [Fact]
    public void Every_request_type_has_a_full_body_and_every_field_in_it_is_classified()
    {
        Assert.Equal(ChatKitRequest.TypeNames.Order(StringComparer.Ordinal), FullBodies.Keys.Order(StringComparer.Ordinal));
        var found = FullBodies.Values.SelectMany(PropertiesIn).ToList();
        Assert.Equal(Array.Empty<string>(), found.Select(f => f.Key).Where(k => !Spec.ContainsKey(k)).ToArray());
        Assert.Empty(Spec.Keys.Except(found.Select(f => f.Key)));
    }

    [Fact]
    public void The_full_bodies_reach_every_property_of_every_request_type()
    {
        var declared = DeclaredMembers().Keys;
        var reached = FullBodies.Values.SelectMany(PropertiesIn).Select(f => f.Member).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(Array.Empty<string>(), declared.Where(m => !reached.Contains(m)).ToArray());
        Assert.Contains("UserMessageTagContent.interactive", declared);
        Assert.Contains("StructuredInputAnswer.skipped", declared);
    }

    /// <summary>Every property of every type reachable from a request (<c>Type.json_name</c>), with its type's metadata.</summary>
    private static SortedDictionary<string, JsonTypeInfo> DeclaredMembers()
    {
        var declared = new SortedDictionary<string, JsonTypeInfo>(StringComparer.Ordinal);
        Declared(ChatKitJson.Wire.ChatKitRequest, declared, []);
        return declared;
    }

    private static void Declared(JsonTypeInfo info, SortedDictionary<string, JsonTypeInfo> members, HashSet<Type> seen)
    {
        if (!seen.Add(info.Type))
        {
            return;
        }

        foreach (var derived in info.PolymorphismOptions?.DerivedTypes ?? [])
        {
            Declared(info.Options.GetTypeInfo(derived.DerivedType), members, seen);
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when !info.Type.IsAbstract:
                foreach (var property in Bound(info))
                {
                    var propertyInfo = info.Options.GetTypeInfo(property.PropertyType);
                    members[$"{info.Type.Name}.{property.Name}"] = propertyInfo;
                    Declared(propertyInfo, members, seen);
                }

                break;
            case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary:
                Declared(info.Options.GetTypeInfo(info.ElementType!), members, seen);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(OptionalFields))]
    public void Explicit_null_for_an_optional_field_reads_as_if_it_were_absent(string type, string path)
    {
        var steps = path.Split('/');
        var absent = Parse(Removed(FullBodies[type], steps));
        var nulled = Parse(Nulled(FullBodies[type], steps));
        Assert.Equal(type, nulled.Type);
        Assert.Equal(Write(absent), Write(nulled));
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void A_required_field_that_is_null_or_missing_is_a_bad_request(string type, string path)
    {
        var steps = path.Split('/');
        Assert.Equal(400, Assert.Throws<ChatKitBadRequestException>(() => Parse(Nulled(FullBodies[type], steps))).StatusCode);
        Assert.Equal(400, Assert.Throws<ChatKitBadRequestException>(() => Parse(Removed(FullBodies[type], steps))).StatusCode);
    }

    [Fact]
    public void Client_tool_output_result_may_be_null_but_not_missing()
    {
        var body = FullBodies["threads.add_client_tool_output"];
        var request = Assert.IsType<ThreadsAddClientToolOutputRequest>(Parse(Nulled(body, ["params", "result"])));
        Assert.Null(request.Params.Result);
        Assert.Throws<ChatKitBadRequestException>(() => Parse(Removed(body, ["params", "result"])));
    }

    /// <summary>Every optional field of a body set to null at once (innermost first, so nested ones are nulled too).</summary>
    private static string AllOptionalNulled(string type) =>
        PropertiesIn(FullBodies[type]).Where(f => Spec[f.Key] == Field.Optional).OrderByDescending(f => f.Path.Length)
            .Aggregate(FullBodies[type], (body, f) => Nulled(body, f.Path));

    [Fact]
    public void Nulls_read_as_the_protocol_defaults()
    {
        foreach (var type in new[] { "threads.create", "threads.add_user_message" })
        {
            var input = Parse(AllOptionalNulled(type)) switch
            {
                ThreadsCreateRequest r => r.Params.Input,
                ThreadsAddUserMessageRequest r => r.Params.Input,
                var other => throw new InvalidOperationException(other.Type),
            };
            Assert.Null(input.QuotedText);
            Assert.Null(input.InferenceOptions.ToolChoice);
            Assert.Null(input.InferenceOptions.Model);
            Assert.Equal(new[] { "atc_1" }, input.Attachments);
            var tag = Assert.IsType<UserMessageTagContent>(input.Content[1]);
            Assert.Equal(("doc_1", "Q2"), (tag.Id, tag.Text));
            Assert.NotNull(tag.Data);
            Assert.Empty(tag.Data);
            Assert.Null(tag.Group);
            Assert.False(tag.Interactive);
        }

        var structured = Assert.IsType<ThreadsAddStructuredInputRequest>(Parse(AllOptionalNulled("threads.add_structured_input")));
        Assert.Equal(StructuredInputStatus.Answered, structured.Params.Input.Status);
        Assert.NotNull(structured.Params.Input.Answers);
        Assert.Empty(structured.Params.Input.Answers);
        Assert.Null(structured.Metadata);

        var answer = Assert.IsType<ThreadsAddStructuredInputRequest>(Parse(
            """{"type":"threads.add_structured_input","params":{"thread_id":"t","item_id":"i","input":{"status":"skipped","answers":{"q":{"values":null,"skipped":null}}}}}""")).Params.Input;
        Assert.Equal(StructuredInputStatus.Skipped, answer.Status);
        Assert.Empty(answer.Answers["q"].Values);
        Assert.False(answer.Answers["q"].Skipped);

        foreach (var type in new[] { "threads.custom_action", "threads.sync_custom_action" })
        {
            var action = Parse(AllOptionalNulled(type)) switch
            {
                ThreadsCustomActionRequest r => r.Params,
                ThreadsSyncCustomActionRequest r => r.Params,
                var other => throw new InvalidOperationException(other.Type),
            };
            Assert.Null(action.ItemId);
            Assert.Equal("a", action.Action.Type);
            Assert.Null(action.Action.Payload);
        }

        var threads = Assert.IsType<ThreadsListRequest>(Parse(AllOptionalNulled("threads.list"))).Params;
        Assert.Null(threads.Limit);
        Assert.Null(threads.Order);
        Assert.Null(threads.After);
        var items = Assert.IsType<ItemsListRequest>(Parse(AllOptionalNulled("items.list"))).Params;
        Assert.Equal("thr_1", items.ThreadId);
        Assert.Null(items.Limit);
        Assert.Null(items.Order);
        Assert.Null(items.After);
    }

    [Fact]
    public void Nulls_are_omitted_when_written_back()
    {
        foreach (var type in ChatKitRequest.TypeNames)
        {
            var written = Write(Parse(AllOptionalNulled(type)));
            Assert.DoesNotContain("null", written, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> RequestFixtures
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in ProtocolFixtures.List("requests"))
            {
                data.Add(file);
            }

            return data;
        }
    }

    /// <summary>The recorded reference requests, with each of their fields nulled in turn.</summary>
    [Theory]
    [MemberData(nameof(RequestFixtures))]
    public void Fixture_fields_are_nullable_exactly_when_optional(string file)
    {
        var body = ProtocolFixtures.ReadText(file);
        foreach (var found in PropertiesIn(body))
        {
            Assert.True(Spec.TryGetValue(found.Key, out var kind), $"{file}: {found.Key} is not classified");
            var nulled = Nulled(body, found.Path);
            switch (kind)
            {
                case Field.Optional:
                    Assert.Equal(Write(Parse(Removed(body, found.Path))), Write(Parse(nulled)));
                    break;
                case Field.Required:
                    Assert.Throws<ChatKitBadRequestException>(() => Parse(nulled));
                    break;
                case Field.RequiredNullable:
                    Parse(nulled);
                    break;
            }
        }
    }

    [Theory]
    [InlineData("threads.list", "limit", "\"5\"", 5)]
    [InlineData("items.list", "limit", "\"5\"", 5)]
    [InlineData("threads.list", "limit", "\"0\"", 0)]
    [InlineData("attachments.create", "size", "\"48213\"", 48213)]
    public void Integers_sent_as_strings_are_accepted(string type, string field, string value, long expected)
    {
        var body = With(FullBodies[type], ["params", field], (o, name) => o[name] = JsonNode.Parse(value));
        long? actual = Parse(body) switch
        {
            ThreadsListRequest r => r.Params.Limit,
            ItemsListRequest r => r.Params.Limit,
            AttachmentsCreateRequest r => r.Params.Size,
            var other => throw new InvalidOperationException(other.Type),
        };
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// Coercion stops where the value is not unambiguous, and literals stay exact (docs/protocol.md §2.4). Booleans are
    /// not read from strings or numbers: the spec names integer strings only, and Pydantic's own table for bools
    /// (<c>"t"</c>, <c>"off"</c>, <c>"yes"</c>, 0/1, ...) is a convention no ChatKit client relies on.
    /// </summary>
    [Theory]
    [InlineData("threads.list", "params/limit", "\"five\"")]
    [InlineData("threads.list", "params/limit", "\"5.5\"")]
    [InlineData("threads.list", "params/limit", "\"\"")]
    [InlineData("threads.list", "params/limit", "5.5")]
    [InlineData("threads.list", "params/limit", "true")]
    [InlineData("threads.list", "params/order", "\"ASC\"")]
    [InlineData("items.list", "params/order", "\"Desc\"")]
    [InlineData("items.list", "params/order", "0")]
    [InlineData("items.feedback", "params/kind", "\"POSITIVE\"")]
    [InlineData("threads.add_structured_input", "params/input/status", "\"pending_review\"")]
    [InlineData("threads.add_structured_input", "params/input/status", "1")]
    [InlineData("threads.create", "params/input/content/1/interactive", "\"true\"")]
    [InlineData("threads.create", "params/input/content/1/interactive", "1")]
    [InlineData("threads.add_structured_input", "params/input/answers/q/skipped", "\"false\"")]
    [InlineData("threads.create", "params/input/attachments", "\"atc_1\"")]
    public void Wrong_values_stay_bad_requests(string type, string path, string value)
    {
        var body = With(FullBodies[type], path.Split('/'), (o, name) => o[name] = JsonNode.Parse(value));
        Assert.Throws<ChatKitBadRequestException>(() => Parse(body));
    }
}
