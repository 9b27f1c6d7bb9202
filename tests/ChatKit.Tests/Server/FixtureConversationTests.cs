using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatKit.Server;
using ChatKit.Testing;
using ChatKit.Testing.Json;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>
/// Replays <c>fixtures/exchanges/NN-*.json</c> in order against one server and one in-memory store, comparing every
/// produced event and response with the recorded one (ids matched through a bijection, timestamps exact thanks to the
/// fixture clock), plus the recorded store snapshots.
/// </summary>
public sealed partial class FixtureConversationTests
{
    [GeneratedRegex("\"created_at\":\"([^\"]*)\"")]
    private static partial Regex CreatedAt();

    [Fact]
    public async Task Replays_every_exchange_exactly()
    {
        var conversation = new FixtureConversation();
        var ids = new IdMap(actualHexDigits: 16);
        var options = new JsonTreeOptions { Ids = ids };
        var files = ProtocolFixtures.List("exchanges");
        Assert.Equal(35, files.Count);

        foreach (var file in files)
        {
            var exchange = ProtocolFixtures.Load(file).AsObject();
            var request = ids.Translate(exchange["request"])!;
            var kind = (string)exchange["response_kind"]!;
            var name = Path.GetFileName(file);

            JsonArray? itemIdsBefore = null;
            if (exchange["persisted_item_ids_before"] is JsonArray before)
            {
                itemIdsBefore = before;
                AssertItemIds(conversation, ids, before, await StoredItemsAsync(conversation, ids.ActualOf("thr_52e6b438")!), name + " (before)");
            }

            var storedBefore = name.Contains("unknown_item", StringComparison.Ordinal)
                ? await StoredItemsAsync(conversation, ids.ActualOf("thr_52e6b438")!)
                : null;

            if (name.Contains("client_cancels", StringComparison.Ordinal))
            {
                await ReplayCancelledAsync(conversation, exchange, request, options, name);
            }
            else if (kind == "sse")
            {
                var result = await conversation.Server.ProcessAsync(Run.Body(request), FixtureConversation.Context);
                var body = await Run.SseBodyAsync(result);
                AssertSse(exchange, body, options, name);
            }
            else
            {
                var result = await conversation.Server.ProcessAsync(Run.Body(request), FixtureConversation.Context);
                var json = Assert.IsType<JsonResult>(result).Json;
                JsonTree.AssertEqual(exchange["response"], JsonNode.Parse(json.Span), options, name);
                if ((string)exchange["response_raw"]! == "{}")
                {
                    Assert.Equal("{}", Encoding.UTF8.GetString(json.Span));
                }

                AssertTimestampsAreUtc(Encoding.UTF8.GetString(json.Span), name);
            }

            await CheckSnapshotsAsync(conversation, exchange, ids, options, name, itemIdsBefore);
            if (storedBefore is not null)
            {
                // An unknown retry target deletes nothing.
                var storedAfter = await StoredItemsAsync(conversation, ids.ActualOf("thr_52e6b438")!);
                Assert.Equal(storedBefore.Select(i => i.Id), storedAfter.Select(i => i.Id));
            }
        }

        // Every created_at came from the clock: 35 reads, exactly as the recording.
        Assert.Equal(35, conversation.Clock.Reads);
    }

    private static void AssertSse(JsonObject exchange, byte[] body, JsonTreeOptions options, string name)
    {
        var events = Run.EventsOf(body);
        var expected = exchange["events"]!.AsArray();
        Assert.True(expected.Count == events.Count, $"{name}: expected {expected.Count} events ({Run.Types(expected!)}), got {events.Count} ({Run.Types(events)})");
        for (var i = 0; i < expected.Count; i++)
        {
            JsonTree.AssertEqual(expected[i], events[i], options, $"{name} event {i}");
        }

        // The recording's framing has the same shape: one data line per event, nothing else.
        var raw = Encoding.UTF8.GetBytes((string)exchange["sse_raw"]!);
        Assert.Equal(expected.Count, Run.EventsOf(raw).Count);
        if (expected.Count == 0)
        {
            Assert.Empty(body);
        }

        AssertTimestampsAreUtc(Encoding.UTF8.GetString(body), name);
    }

    private static void AssertTimestampsAreUtc(string text, string name)
    {
        foreach (Match m in CreatedAt().Matches(text))
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$", m.Groups[1].Value);
        }
    }

    // Exchange 35: read the recorded number of frames, then the client goes away.
    private static async Task ReplayCancelledAsync(FixtureConversation conversation, JsonObject exchange, JsonNode request, JsonTreeOptions options, string name)
    {
        var expected = exchange["events"]!.AsArray();
        using var disconnect = new CancellationTokenSource();
        var result = Assert.IsType<StreamingResult>(await conversation.Server.ProcessAsync(Run.Body(request), FixtureConversation.Context, disconnect.Token));
        using var body = new MemoryStream();
        await using (var frames = result.GetAsyncEnumerator())
        {
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(await frames.MoveNextAsync(), $"{name}: stream ended after {i} events");
                body.Write(frames.Current.Span);
            }

            await disconnect.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await frames.MoveNextAsync());
        }

        AssertSse(exchange, body.ToArray(), options, name);
    }

    private static async Task CheckSnapshotsAsync(FixtureConversation conversation, JsonObject exchange, IdMap ids, JsonTreeOptions options, string name, JsonArray? itemIdsBefore)
    {
        var store = conversation.Store.Inner;
        var context = FixtureConversation.Context;
        if (exchange["persisted_hidden_items"] is JsonArray hidden)
        {
            var stored = await StoredItemsAsync(conversation, ids.ActualOf("thr_52e6b438")!);
            var actualHidden = new JsonArray(stored.Where(i => i.IsHidden).Select(i => (JsonNode?)Run.ToStorageNode(i)).ToArray());
            JsonTree.AssertEqual(hidden, actualHidden, options, name + " persisted_hidden_items");
        }

        if (exchange["persisted_item_ids_after"] is JsonArray after)
        {
            Assert.NotNull(itemIdsBefore);
            AssertItemIds(conversation, ids, after, await StoredItemsAsync(conversation, ids.ActualOf("thr_52e6b438")!), name + " (after)");
        }

        if (exchange["persisted_tool_call_after"] is JsonObject toolCall)
        {
            var item = await store.LoadItemAsync(ids.ActualOf("thr_52e6b438")!, ids.ActualOf((string)toolCall["id"]!)!, context);
            JsonTree.AssertEqual(toolCall, Run.ToStorageNode(item), options, name + " persisted_tool_call_after");
        }

        if (exchange["persisted_items_after"] is JsonArray items)
        {
            var threadId = ids.ActualOf((string)items[0]!["thread_id"]!)!;
            var stored = await StoredItemsAsync(conversation, threadId);
            JsonTree.AssertEqual(items, new JsonArray(stored.Select(i => (JsonNode?)Run.ToStorageNode(i)).ToArray()), options, name + " persisted_items_after");
        }

        switch (exchange["step"]!.GetValue<int>())
        {
            case 3:
            {
                // Attachment metadata is stored (Storage options) although stripped from the response.
                var attachment = await store.LoadAttachmentAsync(ids.ActualOf("atc_0c5c7fd0")!, context);
                Assert.Equal("uploads", (string?)attachment.Metadata?["bucket"]);
                break;
            }

            case 5:
            {
                var attachment = await store.LoadAttachmentAsync(ids.ActualOf("atc_0c5c7fd0")!, context);
                Assert.Equal(ids.ActualOf("thr_52e6b438"), attachment.ThreadId);
                Assert.Equal("uploads", (string?)attachment.Metadata?["bucket"]);
                break;
            }

            case 18:
            {
                // sync_custom_action persists nothing: the sender is still the original card.
                var sender = Assert.IsType<WidgetItem>(await store.LoadItemAsync(ids.ActualOf("thr_52e6b438")!, ids.ActualOf("msg_3d9c1724")!, context));
                Assert.Equal("Card", (string?)Run.ToNode(sender)["widget"]!["type"]);
                break;
            }

            case 22:
            {
                var (threadId, itemIds, kind) = Assert.Single(conversation.Server.Feedback);
                Assert.Equal(ids.ActualOf("thr_52e6b438"), threadId);
                Assert.Equal([ids.ActualOf("msg_269e0d37")!], itemIds);
                Assert.Equal(FeedbackKind.Positive, kind);
                break;
            }

            case 27:
                Assert.Equal("Renamed thread", (await store.LoadThreadAsync(ids.ActualOf("thr_52e6b438")!, context)).Title);
                break;
            case 32:
                Assert.Equal([ids.ActualOf("atc_128b2f33")!], conversation.Attachments.Deleted);
                await Assert.ThrowsAsync<ChatKitNotFoundException>(async () => await store.LoadAttachmentAsync(ids.ActualOf("atc_128b2f33")!, context));
                break;
            case 33:
                await Assert.ThrowsAsync<ChatKitNotFoundException>(async () => await store.LoadThreadAsync(ids.ActualOf("thr_f28c105d")!, context));
                break;
        }
    }

    private static async Task<List<ThreadItem>> StoredItemsAsync(FixtureConversation conversation, string threadId) =>
        [.. (await conversation.Store.Inner.LoadThreadItemsAsync(threadId, null, 1000, SortOrder.Asc, FixtureConversation.Context)).Data];

    private static void AssertItemIds(FixtureConversation conversation, IdMap ids, JsonArray expected, List<ThreadItem> actual, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: expected {expected.Count} stored items, got {actual.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(ids.Match((string)expected[i]!, actual[i].Id) is null, $"{context}: item {i} is {actual[i].Id}, expected the item recorded as {expected[i]}");
        }
    }
}
