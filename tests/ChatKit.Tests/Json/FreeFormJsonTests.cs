using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Testing.Json;

namespace ChatKit.Tests.Json;

/// <summary>Free-form JSON keeps its keys verbatim (no snake_casing) and its inner nulls (docs/protocol.md §2.2).</summary>
public sealed class FreeFormJsonTests
{
    private const string Free = """{"camelCase":1,"PascalCase":null,"snake_case":{"innerKey":null,"list":[null,{"X":null}]},"empty":{}}""";

    [Fact]
    public void Thread_metadata_keeps_keys_and_nulls_in_storage()
    {
        var json = $$$"""{"id":"thr_1","created_at":"2025-06-01T12:00:00Z","status":{"type":"active"},"metadata":{{{Free}}}}""";
        var thread = JsonSerializer.Deserialize(json, ChatKitJson.Storage.ThreadMetadata)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(thread, ChatKitJson.Storage.ThreadMetadata))!;
        JsonTree.AssertEqual(JsonNode.Parse(Free), written["metadata"]);
    }

    [Fact]
    public void Request_metadata_and_action_payload_keep_keys_and_nulls()
    {
        var body = $$$"""{"type":"threads.custom_action","params":{"thread_id":"thr_1","item_id":null,"action":{"type":"a.b","payload":{{{Free}}},"handler":"server","loadingBehavior":"auto"}},"metadata":{{{Free}}}}""";
        var request = Assert.IsType<ThreadsCustomActionRequest>(ChatKitRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body)));
        JsonTree.AssertEqual(JsonNode.Parse(Free), request.Params.Action.Payload);
        JsonTree.AssertEqual(JsonNode.Parse(Free), request.Metadata);
        Assert.Null(request.Params.ItemId);
    }

    [Fact]
    public void Payload_may_be_any_json_or_absent()
    {
        foreach (var (payload, expected) in new[] { ("[1,null]", "[1,null]"), ("\"text\"", "\"text\""), ("3", "3") })
        {
            var body = """{"type":"threads.sync_custom_action","params":{"thread_id":"t","action":{"type":"x","payload":""" + payload + "}}}";
            var request = Assert.IsType<ThreadsSyncCustomActionRequest>(ChatKitRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body)));
            JsonTree.AssertEqual(JsonNode.Parse(expected), request.Params.Action.Payload);
        }

        var none = Assert.IsType<ThreadsSyncCustomActionRequest>(ChatKitRequestParser.Parse("""{"type":"threads.sync_custom_action","params":{"thread_id":"t","action":{"type":"x"}}}"""u8));
        Assert.Null(none.Params.Action.Payload);
    }

    [Fact]
    public void Client_effect_data_keeps_keys_and_nulls()
    {
        var e = new ClientEffectEvent { Name = "highlight", Data = (JsonObject)JsonNode.Parse(Free)! };
        var written = JsonNode.Parse(SseJson(e))!;
        JsonTree.AssertEqual(JsonNode.Parse(Free), written["data"]);
        JsonTree.AssertEqual(JsonNode.Parse("""{"type":"client_effect","name":"x","data":{}}"""), JsonNode.Parse(SseJson(new ClientEffectEvent { Name = "x" })));
    }

    [Fact]
    public void Tool_arguments_and_output_keep_keys_and_nulls()
    {
        var item = new ClientToolCallItem
        {
            Id = "tc_1", ThreadId = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch, CallId = "call_1", Name = "get_selection",
            Arguments = (JsonObject)JsonNode.Parse(Free)!, Output = JsonNode.Parse(Free),
        };
        foreach (var types in new[] { ChatKitJson.Wire, ChatKitJson.Storage })
        {
            var written = JsonNode.Parse(JsonSerializer.Serialize<ThreadItem>(item, types.ThreadItem))!;
            JsonTree.AssertEqual(JsonNode.Parse(Free), written["arguments"]);
            JsonTree.AssertEqual(JsonNode.Parse(Free), written["output"]);
            var back = Assert.IsType<ClientToolCallItem>(JsonSerializer.Deserialize(written.ToJsonString(), types.ThreadItem));
            JsonTree.AssertEqual(JsonNode.Parse(Free), back.Arguments);
        }
    }

    [Fact]
    public void Tool_output_result_null_is_accepted_and_required()
    {
        var request = Assert.IsType<ThreadsAddClientToolOutputRequest>(ChatKitRequestParser.Parse("""{"type":"threads.add_client_tool_output","params":{"thread_id":"t","result":null}}"""u8));
        Assert.Null(request.Params.Result);
        Assert.Throws<ChatKitBadRequestException>(() => ChatKitRequestParser.Parse("""{"type":"threads.add_client_tool_output","params":{"thread_id":"t"}}"""u8));
    }

    [Fact]
    public void Tag_data_keeps_keys_and_nulls_and_defaults_to_empty()
    {
        var body = """{"type":"threads.create","params":{"input":{"content":[{"type":"input_tag","id":"doc_1","text":"Doc","data":""" + Free + """},{"type":"input_tag","id":"doc_2","text":"No data"}],"attachments":[],"inference_options":{}}}}""";
        var request = Assert.IsType<ThreadsCreateRequest>(ChatKitRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body)));
        var tags = request.Params.Input.Content.Cast<UserMessageTagContent>().ToList();
        JsonTree.AssertEqual(JsonNode.Parse(Free), tags[0].Data);
        Assert.Empty(tags[1].Data);
        Assert.False(tags[1].Interactive);

        var item = new UserMessageItem { Id = "msg_1", ThreadId = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch, Content = request.Params.Input.Content };
        var written = JsonNode.Parse(JsonSerializer.Serialize<ThreadItem>(item, ChatKitJson.Wire.ThreadItem))!;
        JsonTree.AssertEqual(JsonNode.Parse(Free), written["content"]![0]!["data"]);
        JsonTree.AssertEqual(JsonNode.Parse("""{"type":"input_tag","id":"doc_2","text":"No data","data":{},"interactive":false}"""), written["content"]![1]);
    }

    [Fact]
    public void Hidden_context_content_and_entity_source_data_keep_keys_and_nulls()
    {
        var hidden = $$$"""{"id":"msg_1","thread_id":"thr_1","created_at":"2025-06-01T12:00:00Z","type":"hidden_context_item","content":{{{Free}}}}""";
        JsonTree.AssertEqual(hidden, JsonSerializer.Serialize(JsonSerializer.Deserialize(hidden, ChatKitJson.Storage.ThreadItem)!, ChatKitJson.Storage.ThreadItem));

        var source = $$$"""{"title":"ACME","type":"entity","id":"c_1","interactive":false,"data":{{{Free}}}}""";
        JsonTree.AssertEqual(source, JsonSerializer.Serialize(JsonSerializer.Deserialize(source, ChatKitJson.Wire.Source)!, ChatKitJson.Wire.Source));
    }

    private static string SseJson(ThreadStreamEvent e)
    {
        var frame = System.Text.Encoding.UTF8.GetString(SseFrameWriter.ToFrame(e));
        Assert.StartsWith("data: ", frame, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", frame, StringComparison.Ordinal);
        return frame[6..^2];
    }
}
