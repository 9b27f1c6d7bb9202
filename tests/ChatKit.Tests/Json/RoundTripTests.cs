using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Testing;
using ChatKit.Testing.Json;

namespace ChatKit.Tests.Json;

/// <summary>Every catalog example and request body parses with the source-generated metadata and serializes back to the same JSON tree.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Items => Files("catalog/items");

    public static TheoryData<string> Events => Files("catalog/events");

    public static TheoryData<string> Updates => Files("catalog/updates");

    public static TheoryData<string> Requests => Files("requests");

    private static TheoryData<string> Files(string directory)
    {
        var data = new TheoryData<string>();
        foreach (var file in ProtocolFixtures.List(directory))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Catalog_item_round_trips(string file)
    {
        var text = ProtocolFixtures.ReadText(file);
        foreach (var types in new[] { ChatKitJson.Wire, ChatKitJson.Storage })
        {
            var item = JsonSerializer.Deserialize(text, types.ThreadItem)!;
            var written = JsonSerializer.Serialize(item, types.ThreadItem);
            JsonTree.AssertEqual(text, written, context: file);
            AssertUtc(written);
        }
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Catalog_event_round_trips(string file)
    {
        var text = ProtocolFixtures.ReadText(file);
        var e = JsonSerializer.Deserialize(text, ChatKitJson.Wire.ThreadStreamEvent)!;
        var written = JsonSerializer.Serialize(e, ChatKitJson.Wire.ThreadStreamEvent);
        JsonTree.AssertEqual(text, written, context: file);
        AssertUtc(written);
    }

    [Theory]
    [MemberData(nameof(Updates))]
    public void Catalog_update_round_trips(string file)
    {
        var text = ProtocolFixtures.ReadText(file);
        var update = JsonSerializer.Deserialize(text, ChatKitJson.Wire.ThreadItemUpdate)!;
        JsonTree.AssertEqual(text, JsonSerializer.Serialize(update, ChatKitJson.Wire.ThreadItemUpdate), context: file);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_body_parses_as_its_type_and_round_trips(string file)
    {
        var text = ProtocolFixtures.ReadText(file);
        var request = ChatKit.Server.ChatKitRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), request.Type);
        var written = JsonSerializer.Serialize(request, ChatKitJson.Wire.ChatKitRequest);

        // Explicit nulls of optional protocol fields are accepted and, like every null, omitted when written.
        JsonTree.AssertEqual(WithoutNullProperties(JsonNode.Parse(text)), JsonNode.Parse(written), context: file);
    }

    [Fact]
    public void Every_request_type_has_a_fixture()
    {
        // The run requests are our extension (docs/protocol.md §16): the reference has no fixture for them.
        Assert.Equal(
            ChatKitRequest.TypeNames.Except([ThreadsStopRunRequest.TypeName, ThreadsResumeRunRequest.TypeName]).Order(StringComparer.Ordinal),
            ProtocolFixtures.List("requests").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Attachment_metadata_is_stripped_on_the_wire_and_kept_in_storage()
    {
        const string stored = """
            {"id":"atc_1","name":"a.png","mime_type":"image/png","thread_id":"thr_1","metadata":{"bucket":"uploads","Key":null},"type":"image","preview_url":"https://files.example.com/p/atc_1"}
            """;
        var attachment = JsonSerializer.Deserialize(stored, ChatKitJson.Storage.Attachment)!;
        Assert.Equal("uploads", (string?)attachment.Metadata?["bucket"]);

        var wire = JsonNode.Parse(JsonSerializer.Serialize(attachment, ChatKitJson.Wire.Attachment))!.AsObject();
        Assert.False(wire.ContainsKey("metadata"));
        JsonTree.AssertEqual(stored, JsonSerializer.Serialize(attachment, ChatKitJson.Storage.Attachment));

        // Also when embedded in an item, an event and a page.
        var item = new UserMessageItem
        {
            Id = "msg_1", ThreadId = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch, Content = [], Attachments = [attachment],
        };
        Assert.DoesNotContain("bucket", JsonSerializer.Serialize<ThreadItem>(item, ChatKitJson.Wire.ThreadItem), StringComparison.Ordinal);
        Assert.DoesNotContain("bucket", JsonSerializer.Serialize<ThreadStreamEvent>(new ThreadItemDoneEvent { Item = item }, ChatKitJson.Wire.ThreadStreamEvent), StringComparison.Ordinal);
        Assert.DoesNotContain("bucket", JsonSerializer.Serialize(new Page<ThreadItem> { Data = [item] }, ChatKitJson.Wire.PageThreadItem), StringComparison.Ordinal);
        Assert.Contains("\"bucket\":\"uploads\"", JsonSerializer.Serialize<ThreadItem>(item, ChatKitJson.Storage.ThreadItem), StringComparison.Ordinal);
    }

    [Fact]
    public void Datetimes_are_written_as_utc_with_microseconds_and_read_in_every_reference_form()
    {
        var item = new EndOfTurnItem { Id = "msg_1", ThreadId = "thr_1", CreatedAt = new DateTimeOffset(2025, 6, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(2_500_010) };
        var json = JsonSerializer.Serialize<ThreadItem>(item, ChatKitJson.Wire.ThreadItem);
        Assert.Contains("\"created_at\":\"2025-06-01T12:00:00.250001Z\"", json, StringComparison.Ordinal);

        var whole = new EndOfTurnItem { Id = "msg_1", ThreadId = "thr_1", CreatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        Assert.Contains("\"created_at\":\"2025-01-02T03:04:05Z\"", JsonSerializer.Serialize<ThreadItem>(whole, ChatKitJson.Wire.ThreadItem), StringComparison.Ordinal);

        var expected = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(2_500_010);
        foreach (var form in new[] { "\"2025-01-02T03:04:05.250001\"", "\"2025-01-02T03:04:05.250001Z\"", "\"2025-01-02 03:04:05.250001\"", "\"2025-01-02T05:04:05.250001+02:00\"", "1735787045.250001" })
        {
            var parsed = JsonSerializer.Deserialize<ThreadItem>($$"""{"type":"end_of_turn","id":"m","thread_id":"t","created_at":{{form}}}""", ChatKitJson.Wire.ThreadItem)!;
            Assert.True(Math.Abs((parsed.CreatedAt - expected).TotalMilliseconds) < 1, $"{form} read as {parsed.CreatedAt:O}");
        }
    }

    private static void AssertUtc(string json)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(json, "\"created_at\":\"([^\"]*)\""))
        {
            Assert.EndsWith("Z", m.Groups[1].Value, StringComparison.Ordinal);
        }
    }

    internal static JsonNode? WithoutNullProperties(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNullProperties(p.Value)))),
        JsonArray a => new JsonArray(a.Select(WithoutNullProperties).ToArray()),
        _ => node?.DeepClone(),
    };
}
