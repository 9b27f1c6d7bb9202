using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Stores;

namespace ChatKit.Testing.StoreConformance;

/// <summary>
/// <see cref="StoreConformanceTests{TStore}"/> plus the contract of <see cref="IThreadItemJsonSource{TContext}"/>:
/// the JSON pages are the object pages, and JSON marked as client JSON carries nothing private.
/// </summary>
/// <typeparam name="TStore">The store under test.</typeparam>
public abstract class JsonSourceStoreConformanceTests<TStore> : StoreConformanceTests<TStore>
    where TStore : IStore<StoreTestContext>, IThreadItemJsonSource<StoreTestContext>
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(500)]
    public async Task Json_pages_are_the_object_pages(int limit)
    {
        var thread = await CreateThreadAsync(Alice);
        foreach (var item in EveryItemType(thread.Id))
        {
            await Store.AddThreadItemAsync(thread.Id, item, Alice);
        }

        await AddShuffledItemsAsync(thread.Id, 9);

        foreach (var order in new[] { SortOrder.Asc, SortOrder.Desc })
        {
            string? after = null;
            for (var guard = 0; guard < 1000; guard++)
            {
                var objects = await Store.LoadThreadItemsAsync(thread.Id, after, limit, order, Alice);
                var json = await Store.LoadThreadItemsJsonAsync(thread.Id, after, limit, order, Alice);

                Assert.Equal(objects.Data.Select(i => i.Id), json.Data.Select(i => i.Id));
                Assert.Equal(objects.HasMore, json.HasMore);
                Assert.Equal(objects.After, json.After);
                for (var i = 0; i < objects.Data.Count; i++)
                {
                    AssertSameItem(objects.Data[i], ChatKitJson.DeserializeStoredItem(json.Data[i].Json.Span), $"item {json.Data[i].Id}");
                    Assert.Equal(objects.Data[i].IsHidden, json.Data[i].IsHidden);
                }

                if (!json.HasMore)
                {
                    break;
                }

                after = json.After;
            }
        }
    }

    [Fact]
    public async Task Json_marked_as_client_json_is_exactly_the_client_form()
    {
        var thread = await CreateThreadAsync(Alice);
        var items = EveryItemType(thread.Id);
        foreach (var item in items)
        {
            await Store.AddThreadItemAsync(thread.Id, item, Alice);
        }

        var page = await Store.LoadThreadItemsJsonAsync(thread.Id, null, 500, SortOrder.Asc, Alice);
        Assert.Equal(items.Count, page.Data.Count);
        foreach (var stored in page.Data)
        {
            var item = ChatKitJson.DeserializeStoredItem(stored.Json.Span);
            var client = JsonSerializer.SerializeToNode(item, ChatKitJson.Wire.ThreadItem);
            if (stored.IsClientJson)
            {
                Assert.True(JsonNode.DeepEquals(client, JsonNode.Parse(stored.Json.Span)), $"{stored.Id} is marked as client JSON but differs from it.");
            }
        }

        // The user message with private attachment metadata must never be marked as sendable unchanged.
        var withMetadata = Assert.Single(page.Data, i => i.Id.StartsWith("msg_attach_", StringComparison.Ordinal));
        Assert.False(withMetadata.IsClientJson);
        Assert.Contains("blob_key", System.Text.Encoding.UTF8.GetString(withMetadata.Json.Span), StringComparison.Ordinal);

        // Plain items are marked, or the fast path would never be taken.
        Assert.True(page.Data.Single(i => i.Id.StartsWith("msg_eot_", StringComparison.Ordinal)).IsClientJson);
    }

    [Fact]
    public async Task Server_responses_from_json_pages_are_the_serialized_items()
    {
        var thread = await CreateThreadAsync(Alice);
        thread.Title = "Ünïcode \"title\"";
        thread.Status = ThreadStatus.Locked("reason");
        thread.AllowedImageDomains = ["example.com"];
        thread.Metadata["private"] = "never sent";
        await Store.SaveThreadAsync(thread, Alice);
        var items = EveryItemType(thread.Id);
        foreach (var item in items)
        {
            await Store.AddThreadItemAsync(thread.Id, item, Alice);
        }

        var fast = new ListingServer(Store);
        var slow = new ListingServer(new ObjectOnlyStore(Store));
        var ids = items.Select(i => i.Id).ToList();
        foreach (var limit in new[] { 1, 2, 5, 20, 100 })
        {
            foreach (var order in new[] { "asc", "desc" })
            {
                foreach (var after in new[] { null, ids[0], ids[ids.Count / 2], ids[^1] })
                {
                    var cursor = after is null ? string.Empty : $",\"after\":\"{after}\"";
                    await AssertSameBodyAsync(fast, slow, $$$"""{"type":"items.list","params":{"thread_id":"{{{thread.Id}}}","limit":{{{limit}}},"order":"{{{order}}}"{{{cursor}}}}}""");
                }
            }
        }

        var body = await AssertSameBodyAsync(fast, slow, $$$"""{"type":"threads.get_by_id","params":{"thread_id":"{{{thread.Id}}}"}}""");
        Assert.DoesNotContain("blob_key", body, StringComparison.Ordinal);
        Assert.DoesNotContain("never sent", body, StringComparison.Ordinal);
        Assert.DoesNotContain("The user cancelled the stream.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_byte_budget_counts_the_stored_json()
    {
        var thread = await CreateThreadAsync(Alice);
        for (var i = 0; i < 6; i++)
        {
            await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, $"msg_{i}", At(i), new string('x', 500)), Alice);
        }

        // Room for two and a half of the stored items as the store returns them: a page of two, then the rest.
        var stored = (await Store.LoadThreadItemsJsonAsync(thread.Id, null, 10, SortOrder.Asc, Alice)).Data;
        var budget = stored[0].Json.Length + stored[1].Json.Length + (stored[2].Json.Length / 2);
        var server = new ListingServer(Store, new ChatKitServerOptions { MaxPageBytes = budget });
        var page = JsonNode.Parse(((JsonResult)await server.ProcessAsync(
            Encoding.UTF8.GetBytes($$$"""{"type":"items.list","params":{"thread_id":"{{{thread.Id}}}","limit":10,"order":"asc"}}"""), Alice)).Json.Span)!;

        Assert.Equal(["msg_0", "msg_1"], page["data"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.True((bool)page["has_more"]!);
        Assert.Equal("msg_1", (string?)page["after"]);
    }

    /// <summary>
    /// Whether the store hands back the exact text it was given. A store that keeps items in a normalizing type
    /// (PostgreSQL jsonb reorders keys and spaces them out) returns the same JSON values in its own formatting, so its
    /// responses are compared as JSON rather than as bytes.
    /// </summary>
    protected virtual bool KeepsExactJsonText => true;

    private async Task<string> AssertSameBodyAsync(ListingServer fast, ListingServer slow, string request)
    {
        var expected = Encoding.UTF8.GetString(((JsonResult)await slow.ProcessAsync(Encoding.UTF8.GetBytes(request), Alice)).Json.Span);
        var actual = Encoding.UTF8.GetString(((JsonResult)await fast.ProcessAsync(Encoding.UTF8.GetBytes(request), Alice)).Json.Span);
        if (KeepsExactJsonText)
        {
            Assert.Equal(expected, actual);
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Different JSON.\nexpected: {expected}\nactual:   {actual}");
        }

        return actual;
    }

    /// <summary>A server that only lists (its turns answer nothing).</summary>
    private sealed class ListingServer(IStore<StoreTestContext> store, ChatKitServerOptions? options = null) : ChatKitServer<StoreTestContext>(store, options: options)
    {
        protected override IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
            ThreadMetadata thread, UserMessageItem? input, StoreTestContext context, CancellationToken cancellationToken) =>
            AsyncEnumerable.Empty<ThreadStreamEvent>();
    }

    /// <summary>The store without its JSON fast path, so the server deserializes and serializes every item.</summary>
    private sealed class ObjectOnlyStore(IStore<StoreTestContext> inner) : DelegatingStore<StoreTestContext>(inner);

    [Fact]
    public async Task Json_pages_report_the_same_errors()
    {
        var thread = await CreateThreadAsync(Alice);
        var empty = await Store.LoadThreadItemsJsonAsync(thread.Id, null, 10, SortOrder.Desc, Alice);
        Assert.Empty(empty.Data);
        Assert.False(empty.HasMore);
        Assert.Null(empty.After);

        await AddShuffledItemsAsync(thread.Id, 3);
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadItemsJsonAsync("thr_missing", null, 10, SortOrder.Desc, Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadItemsJsonAsync(thread.Id, null, 10, SortOrder.Desc, Bob).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadItemsJsonAsync(thread.Id, "msg_0001", 10, SortOrder.Desc, Bob).AsTask());
        await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Store.LoadThreadItemsJsonAsync(thread.Id, "msg_unknown", 10, SortOrder.Asc, Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Store.LoadThreadItemsJsonAsync(thread.Id, thread.Id, 10, SortOrder.Desc, Alice).AsTask());
    }
}
