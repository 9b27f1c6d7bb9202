using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Servers;

namespace ChatKit.Testing.StoreConformance;

/// <summary>
/// The behaviour every <see cref="IStore{TContext}"/> must have (docs/protocol.md §6, §13.1). Derive a test class,
/// implement <see cref="CreateStoreAsync"/> and every test runs against a fresh store.
/// </summary>
/// <remarks>
/// Every test works with freshly generated users, so a derived class may hand out stores that share one database
/// (e.g. one database per test class) without the tests seeing each other's data.
/// Timestamps are compared at microsecond precision, the precision of the protocol's datetime format.
/// </remarks>
/// <typeparam name="TStore">The store under test.</typeparam>
public abstract class StoreConformanceTests<TStore> : IAsyncLifetime
    where TStore : IStore<StoreTestContext>
{
    /// <summary>An arbitrary whole-microsecond instant the tests build timestamps from.</summary>
    protected static readonly DateTimeOffset BaseTime = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private TStore? _store;

    /// <summary>The store under test (fresh for each test).</summary>
    protected TStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    /// <summary>The user most tests act as.</summary>
    protected StoreTestContext Alice { get; } = StoreTestContext.NewUser("alice");

    /// <summary>A second user for isolation tests.</summary>
    protected StoreTestContext Bob { get; } = StoreTestContext.NewUser("bob");

    /// <summary>Creates a fresh store for one test.</summary>
    protected abstract Task<TStore> CreateStoreAsync();

    /// <summary>Disposes the store after a test; the default disposes it when it is disposable.</summary>
    protected virtual async Task DisposeStoreAsync(TStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <inheritdoc />
    public virtual async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    // ---------------------------------------------------------------- helpers

    /// <summary><see cref="BaseTime"/> plus <paramref name="milliseconds"/> (and optional microseconds).</summary>
    protected static DateTimeOffset At(int milliseconds, int microseconds = 0) =>
        BaseTime.AddMilliseconds(milliseconds).AddMicroseconds(microseconds);

    /// <summary>A thread with every stored field set.</summary>
    protected static ThreadMetadata NewThread(string? id = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = id ?? IdGenerator.New(StoreItemKind.Thread),
        CreatedAt = createdAt ?? At(0),
    };

    /// <summary>An assistant message with one text part.</summary>
    protected static AssistantMessageItem Message(string threadId, string id, DateTimeOffset createdAt, string text = "hello") => new()
    {
        Id = id,
        ThreadId = threadId,
        CreatedAt = createdAt,
        Content = [new AssistantMessageContent { Text = text }],
    };

    /// <summary>Creates a thread for <paramref name="context"/> and returns it.</summary>
    protected async Task<ThreadMetadata> CreateThreadAsync(StoreTestContext context, DateTimeOffset? createdAt = null, string? id = null)
    {
        var thread = NewThread(id, createdAt);
        await Store.SaveThreadAsync(thread, context);
        return thread;
    }

    /// <summary>The stored JSON form of an item, for exact comparisons.</summary>
    protected static JsonNode StoredJson(ThreadItem item) =>
        JsonSerializer.SerializeToNode(item, ChatKitJson.Storage.ThreadItem)!;

    /// <summary>The stored JSON form of an attachment (keeps private metadata).</summary>
    protected static JsonNode StoredJson(Attachment attachment) =>
        JsonSerializer.SerializeToNode(attachment, ChatKitJson.Storage.Attachment)!;

    /// <summary>Asserts that two items have the same stored JSON.</summary>
    protected static void AssertSameItem(ThreadItem expected, ThreadItem actual, string? because = null)
    {
        var e = StoredJson(expected);
        var a = StoredJson(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"{because}\nexpected: {e.ToJsonString()}\nactual:   {a.ToJsonString()}");
    }

    /// <summary>Asserts that two threads have the same stored content.</summary>
    protected static void AssertSameThread(ThreadMetadata expected, ThreadMetadata actual)
    {
        var e = JsonSerializer.SerializeToNode(expected, ChatKitJson.Storage.ThreadMetadata)!;
        var a = JsonSerializer.SerializeToNode(actual, ChatKitJson.Storage.ThreadMetadata)!;
        Assert.True(expected.ContentEquals(actual), $"expected: {e.ToJsonString()}\nactual:   {a.ToJsonString()}");
    }

    /// <summary>Follows cursors until the last page, checking the page rules on the way.</summary>
    protected async Task<List<string>> ReadAllItemIdsAsync(string threadId, int limit, SortOrder order, StoreTestContext context, string? after = null)
    {
        var ids = new List<string>();
        for (var guard = 0; guard < 100_000; guard++)
        {
            var page = await Store.LoadThreadItemsAsync(threadId, after, limit, order, context);
            AssertPageRules(page, limit, i => i.Id);
            ids.AddRange(page.Data.Select(i => i.Id));
            if (!page.HasMore)
            {
                return ids;
            }

            after = page.After;
        }

        throw new InvalidOperationException("Paging did not terminate.");
    }

    /// <summary>Follows thread cursors until the last page, checking the page rules on the way.</summary>
    protected async Task<List<string>> ReadAllThreadIdsAsync(int limit, SortOrder order, StoreTestContext context, string? after = null)
    {
        var ids = new List<string>();
        for (var guard = 0; guard < 100_000; guard++)
        {
            var page = await Store.LoadThreadsAsync(limit, after, order, context);
            AssertPageRules(page, limit, t => t.Id);
            ids.AddRange(page.Data.Select(t => t.Id));
            if (!page.HasMore)
            {
                return ids;
            }

            after = page.After;
        }

        throw new InvalidOperationException("Paging did not terminate.");
    }

    private static void AssertPageRules<T>(Page<T> page, int limit, Func<T, string> idOf)
    {
        Assert.True(page.Data.Count <= limit, $"A page holds {page.Data.Count} elements for limit {limit}.");
        if (page.HasMore)
        {
            Assert.Equal(limit, page.Data.Count);
            Assert.Equal(idOf(page.Data[^1]), page.After);
        }
        else
        {
            Assert.Null(page.After);
        }
    }

    private static IEnumerable<ThreadItem> CatalogItems()
    {
        foreach (var path in ProtocolFixtures.List(Path.Combine("catalog", "items")))
        {
            yield return JsonSerializer.Deserialize(ProtocolFixtures.ReadText(path), ChatKitJson.Storage.ThreadItem)!;
        }
    }

    /// <summary>One item of every type, with tricky content, all in <paramref name="threadId"/>.</summary>
    protected static IReadOnlyList<ThreadItem> EveryItemType(string threadId)
    {
        var items = new List<ThreadItem>();
        var i = 0;
        foreach (var catalog in CatalogItems())
        {
            // Re-home the catalog item into our thread with a unique id and time, keeping everything else.
            var node = StoredJson(catalog).AsObject();
            node["id"] = $"{catalog.Id}_{i}";
            node["thread_id"] = threadId;
            node["created_at"] = ChatKitDateTimeConverter.Format(At(i++));
            items.Add(node.Deserialize(ChatKitJson.Storage.ThreadItem)!);
        }

        items.Add(new HiddenContextItem
        {
            Id = $"msg_hidden_{i}",
            ThreadId = threadId,
            CreatedAt = At(i++, 7),
            Content = JsonNode.Parse("""
                {"nested":{"array":[1,2.5,-3e20,"x",null,true,false,{"deep":[[]]}],"empty":{}},
                 "unicode":"héllo \u2028 😀 \"quoted\" \\ back","null_value":null,"big":12345678901234567,
                 "CamelCase":{"KeepKeys":1}}
                """),
        });
        items.Add(new HiddenContextItem { Id = $"msg_hidden_str_{i}", ThreadId = threadId, CreatedAt = At(i++), Content = JsonValue.Create("just a string") });
        items.Add(new HiddenContextItem { Id = $"msg_hidden_arr_{i}", ThreadId = threadId, CreatedAt = At(i++), Content = new JsonArray(1, "two", null) });
        items.Add(new SdkHiddenContextItem { Id = $"shcx_{i}", ThreadId = threadId, CreatedAt = At(i++), Content = "The user cancelled the stream." });
        items.Add(new UserMessageItem
        {
            Id = $"msg_attach_{i}",
            ThreadId = threadId,
            CreatedAt = At(i++),
            Content = [new UserMessageTextContent { Text = "see attached" }],
            Attachments =
            [
                new FileAttachment
                {
                    Id = "atc_private",
                    Name = "notes.txt",
                    MimeType = "text/plain",
                    ThreadId = threadId,
                    Metadata = new JsonObject { ["blob_key"] = "s3://bucket/notes.txt", ["size"] = 42 },
                },
            ],
        });
        // U+0000 is legal in JSON strings (escaped) but not in every database text type.
        items.Add(Message(threadId, $"msg_nul_{i}", At(i++), "before\0after \u0001 \uFFFF"));
        items.Add(new EndOfTurnItem { Id = $"msg_eot_{i}", ThreadId = threadId, CreatedAt = At(i++) });
        return items;
    }

    // ---------------------------------------------------------------- threads

    [Fact]
    public async Task Thread_round_trips_every_stored_field()
    {
        var thread = new ThreadMetadata
        {
            Id = IdGenerator.New(StoreItemKind.Thread),
            CreatedAt = At(1, 250),
            Title = "Quarterly plan ✓",
            Status = ThreadStatus.Locked("read only"),
            AllowedImageDomains = ["images.example.com", "cdn.example.org"],
            Metadata = new JsonObject { ["tenant"] = "acme", ["nested"] = new JsonObject { ["n"] = 1, ["nil"] = null }, ["list"] = new JsonArray(1, "a") },
        };
        await Store.SaveThreadAsync(thread, Alice);

        var loaded = await Store.LoadThreadAsync(thread.Id, Alice);
        AssertSameThread(thread, loaded);
        Assert.Equal(thread.CreatedAt, loaded.CreatedAt);
        Assert.Equal(TimeSpan.Zero, loaded.CreatedAt.Offset);
    }

    [Fact]
    public async Task Thread_with_defaults_round_trips()
    {
        var thread = NewThread(createdAt: At(5));
        await Store.SaveThreadAsync(thread, Alice);

        var loaded = await Store.LoadThreadAsync(thread.Id, Alice);
        AssertSameThread(thread, loaded);
        Assert.Null(loaded.Title);
        Assert.IsType<ActiveThreadStatus>(loaded.Status);
        Assert.Null(loaded.AllowedImageDomains);
        Assert.Empty(loaded.Metadata);
    }

    [Fact]
    public async Task Thread_created_at_keeps_the_instant_of_a_non_utc_offset()
    {
        var local = new DateTimeOffset(2025, 6, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddMicroseconds(123_456);
        var thread = NewThread(createdAt: local);
        await Store.SaveThreadAsync(thread, Alice);

        var loaded = await Store.LoadThreadAsync(thread.Id, Alice);
        Assert.Equal(local.UtcTicks, loaded.CreatedAt.UtcTicks);
    }

    [Fact]
    public async Task SaveThread_upserts_and_keeps_the_list_position()
    {
        var first = await CreateThreadAsync(Alice, At(1));
        var second = await CreateThreadAsync(Alice, At(2));
        var third = await CreateThreadAsync(Alice, At(3));

        var update = first.Clone();
        update.Title = "renamed";
        update.Status = ThreadStatus.Closed();
        update.Metadata["k"] = "v";
        await Store.SaveThreadAsync(update, Alice);

        AssertSameThread(update, await Store.LoadThreadAsync(first.Id, Alice));
        Assert.Equal([first.Id, second.Id, third.Id], await ReadAllThreadIdsAsync(10, SortOrder.Asc, Alice));
    }

    [Fact]
    public async Task LoadThread_of_a_missing_thread_is_not_found()
    {
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadAsync("thr_missing", Alice).AsTask());
    }

    [Fact]
    public async Task DeleteThread_of_a_missing_thread_is_not_found()
    {
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.DeleteThreadAsync("thr_missing", Alice).AsTask());
    }

    [Fact]
    public async Task DeleteThread_removes_the_thread_and_cascades_to_its_items()
    {
        var thread = await CreateThreadAsync(Alice);
        var other = await CreateThreadAsync(Alice, At(1));
        for (var i = 0; i < 5; i++)
        {
            await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, $"msg_{i}", At(i)), Alice);
        }

        await Store.AddThreadItemAsync(other.Id, Message(other.Id, "msg_other", At(0)), Alice);

        await Store.DeleteThreadAsync(thread.Id, Alice);

        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadAsync(thread.Id, Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadItemAsync(thread.Id, "msg_0", Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadItemsAsync(thread.Id, null, 10, SortOrder.Asc, Alice).AsTask());
        Assert.Equal([other.Id], await ReadAllThreadIdsAsync(10, SortOrder.Asc, Alice));

        // A thread re-created with the same id starts empty: the old items are really gone.
        await Store.SaveThreadAsync(NewThread(thread.Id), Alice);
        var page = await Store.LoadThreadItemsAsync(thread.Id, null, 10, SortOrder.Asc, Alice);
        Assert.Empty(page.Data);
        Assert.False(page.HasMore);

        // The other thread is untouched.
        Assert.Equal(["msg_other"], await ReadAllItemIdsAsync(other.Id, 10, SortOrder.Asc, Alice));
    }

    // ---------------------------------------------------------------- items

    [Fact]
    public async Task Every_item_type_round_trips_exactly()
    {
        var thread = await CreateThreadAsync(Alice);
        var items = EveryItemType(thread.Id);
        Assert.True(items.Count >= 20, "The protocol item catalog was not found.");
        foreach (var item in items)
        {
            await Store.AddThreadItemAsync(thread.Id, item, Alice);
        }

        foreach (var item in items)
        {
            var loaded = await Store.LoadItemAsync(thread.Id, item.Id, Alice);
            Assert.IsType(item.GetType(), loaded);
            AssertSameItem(item, loaded, $"LoadItem {item.Id}");
        }

        var page = await Store.LoadThreadItemsAsync(thread.Id, null, 1000, SortOrder.Asc, Alice);
        Assert.Equal(items.Count, page.Data.Count);
        for (var i = 0; i < items.Count; i++)
        {
            AssertSameItem(items[i], page.Data[i], $"LoadThreadItems #{i}");
        }
    }

    [Fact]
    public async Task Hidden_items_are_returned_by_the_store()
    {
        var thread = await CreateThreadAsync(Alice);
        await Store.AddThreadItemAsync(thread.Id, new HiddenContextItem { Id = "hc", ThreadId = thread.Id, CreatedAt = At(1), Content = new JsonObject { ["a"] = 1 } }, Alice);
        await Store.AddThreadItemAsync(thread.Id, new SdkHiddenContextItem { Id = "shcx", ThreadId = thread.Id, CreatedAt = At(2), Content = "cancelled" }, Alice);

        var page = await Store.LoadThreadItemsAsync(thread.Id, null, 10, SortOrder.Desc, Alice);
        Assert.Equal(["shcx", "hc"], page.Data.Select(i => i.Id));
    }

    [Fact]
    public async Task Attachment_metadata_inside_a_user_message_is_kept()
    {
        var thread = await CreateThreadAsync(Alice);
        var item = (UserMessageItem)EveryItemType(thread.Id).Single(i => i.Id.StartsWith("msg_attach_", StringComparison.Ordinal));
        await Store.AddThreadItemAsync(thread.Id, item, Alice);

        var loaded = (UserMessageItem)await Store.LoadItemAsync(thread.Id, item.Id, Alice);
        Assert.Equal("s3://bucket/notes.txt", (string?)loaded.Attachments.Single().Metadata?["blob_key"]);
    }

    [Fact]
    public async Task Item_created_at_is_kept_to_the_microsecond()
    {
        var thread = await CreateThreadAsync(Alice);
        var createdAt = At(123, 456);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "m", createdAt), Alice);

        var loaded = await Store.LoadItemAsync(thread.Id, "m", Alice);
        Assert.Equal(createdAt, loaded.CreatedAt);
    }

    [Fact]
    public async Task LoadItem_of_a_missing_item_or_thread_is_not_found()
    {
        var thread = await CreateThreadAsync(Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "m1", At(1)), Alice);

        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadItemAsync(thread.Id, "missing", Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadItemAsync("thr_missing", "m1", Alice).AsTask());
    }

    [Fact]
    public async Task An_item_id_is_scoped_to_its_thread()
    {
        var a = await CreateThreadAsync(Alice, At(1));
        var b = await CreateThreadAsync(Alice, At(2));
        await Store.AddThreadItemAsync(a.Id, Message(a.Id, "m1", At(1)), Alice);

        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadItemAsync(b.Id, "m1", Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Store.LoadThreadItemsAsync(b.Id, "m1", 10, SortOrder.Asc, Alice).AsTask());
    }

    [Fact]
    public async Task Adding_an_item_to_a_missing_thread_is_not_found()
    {
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.AddThreadItemAsync("thr_missing", Message("thr_missing", "m", At(0)), Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.SaveItemAsync("thr_missing", Message("thr_missing", "m", At(0)), Alice).AsTask());
    }

    [Fact]
    public async Task LoadThreadItems_of_a_missing_thread_is_not_found()
    {
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadItemsAsync("thr_missing", null, 10, SortOrder.Desc, Alice).AsTask());
    }

    [Fact]
    public async Task AddThreadItem_with_an_existing_id_replaces_it_in_place()
    {
        var thread = await CreateThreadAsync(Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "a", At(1), "first"), Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "b", At(2)), Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "c", At(3)), Alice);

        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "a", At(1), "second"), Alice);

        Assert.Equal(["a", "b", "c"], await ReadAllItemIdsAsync(thread.Id, 10, SortOrder.Asc, Alice));
        var loaded = (AssistantMessageItem)await Store.LoadItemAsync(thread.Id, "a", Alice);
        Assert.Equal("second", loaded.Content.Single().Text);
    }

    [Fact]
    public async Task SaveItem_upserts_by_id_and_keeps_the_position_on_ties()
    {
        var thread = await CreateThreadAsync(Alice);
        // Identical timestamps: the order is the insertion order, which an update must not change.
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "a", At(1)), Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "b", At(1)), Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "c", At(1)), Alice);

        var tool = new ClientToolCallItem { Id = "a", ThreadId = thread.Id, CreatedAt = At(1), CallId = "call_1", Name = "get_weather", Status = ClientToolCallStatus.Completed, Output = JsonNode.Parse("""{"t":21}""") };
        await Store.SaveItemAsync(thread.Id, tool, Alice);
        await Store.SaveItemAsync(thread.Id, Message(thread.Id, "b", At(1), "updated"), Alice);
        await Store.SaveItemAsync(thread.Id, Message(thread.Id, "d", At(1)), Alice);

        Assert.Equal(["a", "b", "c", "d"], await ReadAllItemIdsAsync(thread.Id, 2, SortOrder.Asc, Alice));
        Assert.Equal(["d", "c", "b", "a"], await ReadAllItemIdsAsync(thread.Id, 3, SortOrder.Desc, Alice));
        AssertSameItem(tool, await Store.LoadItemAsync(thread.Id, "a", Alice));
        Assert.Equal("updated", ((AssistantMessageItem)await Store.LoadItemAsync(thread.Id, "b", Alice)).Content.Single().Text);
    }

    [Fact]
    public async Task DeleteThreadItem_removes_only_that_item_and_tolerates_a_missing_one()
    {
        var thread = await CreateThreadAsync(Alice);
        foreach (var id in new[] { "a", "b", "c" })
        {
            await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, id, At(id[0])), Alice);
        }

        await Store.DeleteThreadItemAsync(thread.Id, "b", Alice);
        await Store.DeleteThreadItemAsync(thread.Id, "b", Alice);
        await Store.DeleteThreadItemAsync(thread.Id, "never", Alice);

        Assert.Equal(["a", "c"], await ReadAllItemIdsAsync(thread.Id, 10, SortOrder.Asc, Alice));
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadItemAsync(thread.Id, "b", Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Store.LoadThreadItemsAsync(thread.Id, "b", 10, SortOrder.Asc, Alice).AsTask());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_item_writes_to_a_long_thread_match_a_simple_model(int seed)
    {
        // Upserts (some moving an item to another time), deletes, re-adds and reads of a thread that grows past a few
        // dozen items, checked against a list: an upsert keeps an item's place among equal timestamps, a re-added id
        // goes last among them, and order is (created_at, then first insertion).
        var thread = await CreateThreadAsync(Alice);
        var random = new Random(seed);
        var model = new List<(string Id, int Time, long Order, string Text)>();
        long nextOrder = 0;
        for (var step = 0; step < 160; step++)
        {
            var id = $"m{random.Next(48)}";
            var existing = model.FindIndex(m => m.Id == id);
            if (random.Next(5) == 0)
            {
                await Store.DeleteThreadItemAsync(thread.Id, id, Alice);
                if (existing >= 0)
                {
                    model.RemoveAt(existing);
                }

                continue;
            }

            var time = random.Next(12); // few distinct times: many ties
            var text = $"v{step}";
            await Store.SaveItemAsync(thread.Id, Message(thread.Id, id, At(time), text), Alice);
            var order = existing >= 0 ? model[existing].Order : nextOrder++;
            if (existing >= 0)
            {
                model.RemoveAt(existing);
            }

            model.Add((id, time, order, text));

            if (step % 20 == 19)
            {
                var expected = model.OrderBy(m => m.Time).ThenBy(m => m.Order).Select(m => m.Id).ToList();
                Assert.Equal(expected, await ReadAllItemIdsAsync(thread.Id, 7, SortOrder.Asc, Alice));
                Assert.Equal(Enumerable.Reverse(expected), await ReadAllItemIdsAsync(thread.Id, 50, SortOrder.Desc, Alice));
            }
        }

        Assert.True(model.Count > 20, "the thread should have grown long");
        foreach (var (id, _, _, text) in model)
        {
            Assert.Equal(text, ((AssistantMessageItem)await Store.LoadItemAsync(thread.Id, id, Alice)).Content.Single().Text);
        }

        foreach (var missing in Enumerable.Range(0, 48).Select(i => $"m{i}").Except(model.Select(m => m.Id)))
        {
            await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadItemAsync(thread.Id, missing, Alice).AsTask());
        }
    }

    // ---------------------------------------------------------------- paging

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(57)]
    [InlineData(58)]
    [InlineData(500)]
    public async Task Items_page_in_both_orders_across_many_pages(int limit)
    {
        var thread = await CreateThreadAsync(Alice);
        var expected = await AddShuffledItemsAsync(thread.Id, 57);

        Assert.Equal(expected, await ReadAllItemIdsAsync(thread.Id, limit, SortOrder.Asc, Alice));
        Assert.Equal(Enumerable.Reverse(expected), await ReadAllItemIdsAsync(thread.Id, limit, SortOrder.Desc, Alice));
    }

    [Fact]
    public async Task Items_page_starts_strictly_after_the_cursor()
    {
        var thread = await CreateThreadAsync(Alice);
        var expected = await AddShuffledItemsAsync(thread.Id, 30);
        var descending = Enumerable.Reverse(expected).ToList();

        foreach (var k in new[] { 0, 1, 13, 28, 29 })
        {
            Assert.Equal(expected[(k + 1)..], await ReadAllItemIdsAsync(thread.Id, 4, SortOrder.Asc, Alice, after: expected[k]));
            var j = descending.IndexOf(expected[k]);
            Assert.Equal(descending[(j + 1)..], await ReadAllItemIdsAsync(thread.Id, 4, SortOrder.Desc, Alice, after: expected[k]));
        }
    }

    [Fact]
    public async Task Items_page_limit_and_has_more_rules()
    {
        var thread = await CreateThreadAsync(Alice);
        var empty = await Store.LoadThreadItemsAsync(thread.Id, null, 5, SortOrder.Desc, Alice);
        Assert.Empty(empty.Data);
        Assert.False(empty.HasMore);
        Assert.Null(empty.After);

        var ids = await AddShuffledItemsAsync(thread.Id, 5);

        var exact = await Store.LoadThreadItemsAsync(thread.Id, null, 5, SortOrder.Asc, Alice);
        Assert.Equal(ids, exact.Data.Select(i => i.Id));
        Assert.False(exact.HasMore);
        Assert.Null(exact.After);

        var partial = await Store.LoadThreadItemsAsync(thread.Id, null, 4, SortOrder.Asc, Alice);
        Assert.Equal(ids[..4], partial.Data.Select(i => i.Id));
        Assert.True(partial.HasMore);
        Assert.Equal(ids[3], partial.After);

        var last = await Store.LoadThreadItemsAsync(thread.Id, partial.After, 4, SortOrder.Asc, Alice);
        Assert.Equal([ids[4]], last.Data.Select(i => i.Id));
        Assert.False(last.HasMore);
        Assert.Null(last.After);

        var afterLast = await Store.LoadThreadItemsAsync(thread.Id, ids[4], 4, SortOrder.Asc, Alice);
        Assert.Empty(afterLast.Data);
        Assert.False(afterLast.HasMore);

        var newestFirst = await Store.LoadThreadItemsAsync(thread.Id, null, 2, SortOrder.Desc, Alice);
        Assert.Equal([ids[4], ids[3]], newestFirst.Data.Select(i => i.Id));
        Assert.True(newestFirst.HasMore);
        Assert.Equal(ids[3], newestFirst.After);
    }

    [Fact]
    public async Task Item_ties_in_created_at_are_broken_by_insertion_order()
    {
        var thread = await CreateThreadAsync(Alice);
        var expected = new List<string>();
        // Groups of equal timestamps, the groups themselves inserted out of time order.
        foreach (var (group, size) in new[] { (3, 4), (1, 5), (2, 3), (0, 1) })
        {
            for (var i = 0; i < size; i++)
            {
                await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, $"g{group}_{i}", At(group * 10)), Alice);
            }
        }

        foreach (var (group, size) in new[] { (0, 1), (1, 5), (2, 3), (3, 4) })
        {
            expected.AddRange(Enumerable.Range(0, size).Select(i => $"g{group}_{i}"));
        }

        foreach (var limit in new[] { 1, 2, 3, 100 })
        {
            Assert.Equal(expected, await ReadAllItemIdsAsync(thread.Id, limit, SortOrder.Asc, Alice));
            Assert.Equal(Enumerable.Reverse(expected), await ReadAllItemIdsAsync(thread.Id, limit, SortOrder.Desc, Alice));
        }
    }

    [Fact]
    public async Task Unknown_item_cursor_is_a_bad_request()
    {
        var thread = await CreateThreadAsync(Alice);
        await AddShuffledItemsAsync(thread.Id, 3);

        await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Store.LoadThreadItemsAsync(thread.Id, "msg_unknown", 10, SortOrder.Asc, Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Store.LoadThreadItemsAsync(thread.Id, "msg_unknown", 10, SortOrder.Desc, Alice).AsTask());
        await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Store.LoadThreadItemsAsync(thread.Id, thread.Id, 10, SortOrder.Desc, Alice).AsTask());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(41)]
    [InlineData(100)]
    public async Task Threads_page_in_both_orders_across_many_pages(int limit)
    {
        var expected = await AddShuffledThreadsAsync(Alice, 41);
        await AddShuffledThreadsAsync(Bob, 5);

        Assert.Equal(expected, await ReadAllThreadIdsAsync(limit, SortOrder.Asc, Alice));
        Assert.Equal(Enumerable.Reverse(expected), await ReadAllThreadIdsAsync(limit, SortOrder.Desc, Alice));
    }

    [Fact]
    public async Task Threads_page_starts_strictly_after_the_cursor_and_ties_keep_insertion_order()
    {
        var expected = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            expected.Add((await CreateThreadAsync(Alice, At(1))).Id);
        }

        var earlier = (await CreateThreadAsync(Alice, At(0))).Id;
        expected.Insert(0, earlier);

        Assert.Equal(expected, await ReadAllThreadIdsAsync(2, SortOrder.Asc, Alice));
        Assert.Equal(Enumerable.Reverse(expected), await ReadAllThreadIdsAsync(4, SortOrder.Desc, Alice));
        Assert.Equal(expected[4..], await ReadAllThreadIdsAsync(2, SortOrder.Asc, Alice, after: expected[3]));
        Assert.Equal(Enumerable.Reverse(expected[..3]), await ReadAllThreadIdsAsync(2, SortOrder.Desc, Alice, after: expected[3]));

        var page = await Store.LoadThreadsAsync(3, null, SortOrder.Desc, Alice);
        Assert.True(page.HasMore);
        Assert.Equal(expected[^3], page.After);
    }

    [Fact]
    public async Task Threads_list_is_empty_for_a_new_user()
    {
        var page = await Store.LoadThreadsAsync(20, null, SortOrder.Desc, StoreTestContext.NewUser());
        Assert.Empty(page.Data);
        Assert.False(page.HasMore);
        Assert.Null(page.After);
    }

    [Fact]
    public async Task Unknown_thread_cursor_is_a_bad_request()
    {
        var thread = await CreateThreadAsync(Alice);
        var bobs = await CreateThreadAsync(Bob);

        await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Store.LoadThreadsAsync(10, "thr_unknown", SortOrder.Desc, Alice).AsTask());
        // Another user's thread is not a valid cursor either.
        await Assert.ThrowsAsync<ChatKitBadRequestException>(() => Store.LoadThreadsAsync(10, bobs.Id, SortOrder.Asc, Alice).AsTask());
        Assert.Equal([thread.Id], (await Store.LoadThreadsAsync(10, null, SortOrder.Asc, Alice)).Data.Select(t => t.Id));
    }

    [Fact]
    public async Task Threads_list_returns_full_stored_metadata()
    {
        var thread = new ThreadMetadata
        {
            Id = IdGenerator.New(StoreItemKind.Thread),
            CreatedAt = At(3, 3),
            Title = "t",
            Metadata = new JsonObject { ["x"] = 1 },
            AllowedImageDomains = ["a.example"],
        };
        await Store.SaveThreadAsync(thread, Alice);

        AssertSameThread(thread, (await Store.LoadThreadsAsync(10, null, SortOrder.Desc, Alice)).Data.Single());
    }

    // ---------------------------------------------------------------- attachments

    [Fact]
    public async Task Attachments_round_trip_with_private_metadata()
    {
        var file = new FileAttachment
        {
            Id = IdGenerator.New(StoreItemKind.Attachment),
            Name = "report.pdf",
            MimeType = "application/pdf",
            UploadDescriptor = new UploadDescriptor { Url = "https://upload.example.com/x", Method = "PUT", Headers = { ["x-token"] = "t" } },
            Metadata = new JsonObject { ["storage_key"] = "k/1", ["nested"] = new JsonObject { ["a"] = new JsonArray(1, 2) } },
        };
        var image = new ImageAttachment
        {
            Id = IdGenerator.New(StoreItemKind.Attachment),
            Name = "cat.png",
            MimeType = "image/png",
            ThreadId = "thr_x",
            PreviewUrl = "https://files.example.com/preview/cat.png",
        };
        await Store.SaveAttachmentAsync(file, Alice);
        await Store.SaveAttachmentAsync(image, Alice);

        var loadedFile = await Store.LoadAttachmentAsync(file.Id, Alice);
        Assert.IsType<FileAttachment>(loadedFile);
        Assert.True(JsonNode.DeepEquals(StoredJson(file), StoredJson(loadedFile)), StoredJson(loadedFile).ToJsonString());
        Assert.Equal("k/1", (string?)loadedFile.Metadata?["storage_key"]);

        var loadedImage = await Store.LoadAttachmentAsync(image.Id, Alice);
        Assert.IsType<ImageAttachment>(loadedImage);
        Assert.True(JsonNode.DeepEquals(StoredJson(image), StoredJson(loadedImage)), StoredJson(loadedImage).ToJsonString());
    }

    [Fact]
    public async Task SaveAttachment_upserts()
    {
        var attachment = new FileAttachment
        {
            Id = IdGenerator.New(StoreItemKind.Attachment),
            Name = "a.txt",
            MimeType = "text/plain",
            UploadDescriptor = new UploadDescriptor { Url = "https://u.example.com", Method = "POST" },
        };
        await Store.SaveAttachmentAsync(attachment, Alice);

        attachment.UploadDescriptor = null;
        attachment.ThreadId = "thr_1";
        attachment.Metadata = new JsonObject { ["done"] = true };
        await Store.SaveAttachmentAsync(attachment, Alice);

        var loaded = await Store.LoadAttachmentAsync(attachment.Id, Alice);
        Assert.Null(loaded.UploadDescriptor);
        Assert.Equal("thr_1", loaded.ThreadId);
        Assert.Equal(true, (bool?)loaded.Metadata?["done"]);
    }

    [Fact]
    public async Task Attachments_not_found_and_delete_semantics()
    {
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadAttachmentAsync("atc_missing", Alice).AsTask());
        await Store.DeleteAttachmentAsync("atc_missing", Alice);

        var attachment = new FileAttachment { Id = IdGenerator.New(StoreItemKind.Attachment), Name = "a", MimeType = "text/plain" };
        await Store.SaveAttachmentAsync(attachment, Alice);
        await Store.DeleteAttachmentAsync(attachment.Id, Alice);
        await Store.DeleteAttachmentAsync(attachment.Id, Alice);
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadAttachmentAsync(attachment.Id, Alice).AsTask());
    }

    // ---------------------------------------------------------------- isolation

    [Fact]
    public async Task Another_user_cannot_see_or_change_a_thread()
    {
        var thread = await CreateThreadAsync(Alice, At(1));
        thread.Title = "alice's";
        await Store.SaveThreadAsync(thread, Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "m1", At(1), "secret"), Alice);

        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadAsync(thread.Id, Bob).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadItemsAsync(thread.Id, null, 10, SortOrder.Asc, Bob).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadItemAsync(thread.Id, "m1", Bob).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "m2", At(2), "bob was here"), Bob).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.SaveItemAsync(thread.Id, Message(thread.Id, "m1", At(1), "overwritten"), Bob).AsTask());
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.DeleteThreadAsync(thread.Id, Bob).AsTask());
        try
        {
            await Store.DeleteThreadItemAsync(thread.Id, "m1", Bob);
        }
        catch (ChatKitNotFoundException)
        {
            // Either answer is fine, as long as nothing is deleted.
        }

        Assert.Empty((await Store.LoadThreadsAsync(10, null, SortOrder.Desc, Bob)).Data);

        // Alice's data is intact.
        Assert.Equal("alice's", (await Store.LoadThreadAsync(thread.Id, Alice)).Title);
        var items = await Store.LoadThreadItemsAsync(thread.Id, null, 10, SortOrder.Asc, Alice);
        Assert.Equal(["m1"], items.Data.Select(i => i.Id));
        Assert.Equal("secret", ((AssistantMessageItem)items.Data[0]).Content.Single().Text);
    }

    [Fact]
    public async Task A_thread_saved_by_another_user_with_the_same_id_is_separate()
    {
        var thread = await CreateThreadAsync(Alice, At(1));
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "m1", At(1)), Alice);

        var bobs = NewThread(thread.Id, At(2));
        bobs.Title = "bob's";
        await Store.SaveThreadAsync(bobs, Bob);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "m1", At(2), "bob's item"), Bob);

        Assert.Null((await Store.LoadThreadAsync(thread.Id, Alice)).Title);
        Assert.Equal("hello", ((AssistantMessageItem)await Store.LoadItemAsync(thread.Id, "m1", Alice)).Content.Single().Text);
        Assert.Equal("bob's", (await Store.LoadThreadAsync(thread.Id, Bob)).Title);

        await Store.DeleteThreadAsync(thread.Id, Bob);
        Assert.Equal(["m1"], await ReadAllItemIdsAsync(thread.Id, 10, SortOrder.Asc, Alice));
    }

    [Fact]
    public async Task Threads_list_shows_only_the_users_own_threads()
    {
        var alices = await AddShuffledThreadsAsync(Alice, 7);
        var bobs = await AddShuffledThreadsAsync(Bob, 4);

        Assert.Equal(alices, await ReadAllThreadIdsAsync(3, SortOrder.Asc, Alice));
        Assert.Equal(bobs, await ReadAllThreadIdsAsync(3, SortOrder.Asc, Bob));
    }

    [Fact]
    public async Task Another_user_cannot_load_or_delete_an_attachment()
    {
        var attachment = new FileAttachment { Id = IdGenerator.New(StoreItemKind.Attachment), Name = "a", MimeType = "text/plain", Metadata = new JsonObject { ["k"] = 1 } };
        await Store.SaveAttachmentAsync(attachment, Alice);

        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadAttachmentAsync(attachment.Id, Bob).AsTask());
        await Store.DeleteAttachmentAsync(attachment.Id, Bob);

        Assert.Equal("a", (await Store.LoadAttachmentAsync(attachment.Id, Alice)).Name);
    }

    // ---------------------------------------------------------------- copies

    [Fact]
    public async Task Stored_data_is_a_copy()
    {
        var thread = NewThread();
        thread.Title = "original";
        thread.Metadata["k"] = "v";
        thread.AllowedImageDomains = ["a.example"];
        await Store.SaveThreadAsync(thread, Alice);
        thread.Title = "mutated";
        thread.Metadata["k"] = "mutated";
        thread.AllowedImageDomains.Add("b.example");

        var loadedThread = await Store.LoadThreadAsync(thread.Id, Alice);
        Assert.Equal("original", loadedThread.Title);
        Assert.Equal("v", (string?)loadedThread.Metadata["k"]);
        Assert.Equal(["a.example"], loadedThread.AllowedImageDomains!);
        loadedThread.Title = "mutated after load";
        loadedThread.Metadata["k"] = "mutated after load";
        Assert.Equal("original", (await Store.LoadThreadAsync(thread.Id, Alice)).Title);

        var message = Message(thread.Id, "m", At(1), "original");
        await Store.AddThreadItemAsync(thread.Id, message, Alice);
        message.Content[0].Text = "mutated";
        message.Content.Add(new AssistantMessageContent { Text = "extra" });
        var loadedMessage = (AssistantMessageItem)await Store.LoadItemAsync(thread.Id, "m", Alice);
        Assert.Equal("original", loadedMessage.Content.Single().Text);
        loadedMessage.Content[0].Text = "mutated after load";
        Assert.Equal("original", ((AssistantMessageItem)await Store.LoadItemAsync(thread.Id, "m", Alice)).Content.Single().Text);

        var hidden = new HiddenContextItem { Id = "h", ThreadId = thread.Id, CreatedAt = At(2), Content = new JsonObject { ["n"] = 1 } };
        await Store.AddThreadItemAsync(thread.Id, hidden, Alice);
        hidden.Content!["n"] = 2;
        var page = await Store.LoadThreadItemsAsync(thread.Id, null, 10, SortOrder.Asc, Alice);
        Assert.Equal(1, (int?)((HiddenContextItem)page.Data[1]).Content?["n"]);

        var attachment = new FileAttachment { Id = IdGenerator.New(StoreItemKind.Attachment), Name = "a", MimeType = "text/plain", Metadata = new JsonObject { ["k"] = "v" } };
        await Store.SaveAttachmentAsync(attachment, Alice);
        attachment.Metadata["k"] = "mutated";
        attachment.ThreadId = "thr_mutated";
        var loadedAttachment = await Store.LoadAttachmentAsync(attachment.Id, Alice);
        Assert.Equal("v", (string?)loadedAttachment.Metadata?["k"]);
        Assert.Null(loadedAttachment.ThreadId);
    }

    // ---------------------------------------------------------------- concurrency

    [Fact]
    public async Task Concurrent_writers_lose_and_duplicate_nothing()
    {
        const int Writers = 8;
        const int ItemsPerWriter = 25;
        const int ThreadsPerWriter = 6;
        var thread = await CreateThreadAsync(Alice);
        var expectedItems = new ConcurrentBag<string>();
        var expectedThreads = new ConcurrentBag<string>([thread.Id]);

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            start.Wait();
            for (var i = 0; i < ItemsPerWriter; i++)
            {
                var id = $"w{w}_i{i}";
                // Many share a timestamp, so ties are exercised under contention too.
                await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, id, At(i)), Alice);
                expectedItems.Add(id);
                if (i % 5 == 0)
                {
                    // Concurrent upserts of one shared id must leave exactly one item.
                    await Store.SaveItemAsync(thread.Id, Message(thread.Id, "shared", At(0), $"writer {w}"), Alice);
                }

                if (i % 2 == 0)
                {
                    await Store.LoadThreadItemsAsync(thread.Id, null, 5, SortOrder.Desc, Alice);
                }
            }

            for (var t = 0; t < ThreadsPerWriter; t++)
            {
                var created = await CreateThreadAsync(Alice, At(t));
                expectedThreads.Add(created.Id);
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);
        expectedItems.Add("shared");

        var items = await ReadAllItemIdsAsync(thread.Id, 7, SortOrder.Asc, Alice);
        Assert.Equal(items.Count, items.Distinct().Count());
        Assert.Equal(expectedItems.OrderBy(x => x, StringComparer.Ordinal), items.OrderBy(x => x, StringComparer.Ordinal));

        // Within one writer, items were added in time order and must come back in it.
        for (var w = 0; w < Writers; w++)
        {
            var prefix = $"w{w}_";
            Assert.Equal(Enumerable.Range(0, ItemsPerWriter).Select(i => $"{prefix}i{i}"), items.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));
        }

        var threads = await ReadAllThreadIdsAsync(9, SortOrder.Desc, Alice);
        Assert.Equal(threads.Count, threads.Distinct().Count());
        Assert.Equal(expectedThreads.OrderBy(x => x, StringComparer.Ordinal), threads.OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_of_different_users_stay_isolated()
    {
        var users = Enumerable.Range(0, 6).Select(i => StoreTestContext.NewUser($"u{i}")).ToArray();
        var tasks = users.Select(user => Task.Run(async () =>
        {
            var thread = await CreateThreadAsync(user);
            for (var i = 0; i < 15; i++)
            {
                await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, $"m{i}", At(i), user.UserId), user);
            }

            return thread.Id;
        })).ToArray();
        var threadIds = await Task.WhenAll(tasks);

        for (var u = 0; u < users.Length; u++)
        {
            Assert.Equal([threadIds[u]], await ReadAllThreadIdsAsync(10, SortOrder.Asc, users[u]));
            var page = await Store.LoadThreadItemsAsync(threadIds[u], null, 100, SortOrder.Asc, users[u]);
            Assert.Equal(15, page.Data.Count);
            Assert.All(page.Data, i => Assert.Equal(users[u].UserId, ((AssistantMessageItem)i).Content.Single().Text));
        }
    }

    // ---------------------------------------------------------------- retry through the server

    [Fact]
    public async Task Retrying_an_earlier_message_removes_every_newer_item_not_just_the_first_page()
    {
        var thread = await CreateThreadAsync(Alice);
        UserMessageItem Ask(string id, DateTimeOffset at, string text) => new()
        {
            Id = id,
            ThreadId = thread.Id,
            CreatedAt = at,
            Content = [new UserMessageTextContent { Text = text }],
        };

        // Two older items that must survive, the message to retry, then 25 newer items (more than the server's page
        // of 20), the first of which shares the retried message's timestamp and is newer only by insertion order.
        await Store.AddThreadItemAsync(thread.Id, Ask("msg_older_question", At(1), "first"), Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "msg_older_answer", At(2)), Alice);
        var retried = Ask("msg_retried", At(3), "second");
        await Store.AddThreadItemAsync(thread.Id, retried, Alice);
        var newer = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var id = $"msg_newer_{i:D2}";
            var at = i == 0 ? At(3) : At(3 + i);
            await Store.AddThreadItemAsync(thread.Id, i % 2 == 0 ? Message(thread.Id, id, at) : Ask(id, at, $"later {i}"), Alice);
            newer.Add(id);
        }

        var server = new AnsweringServer(Store);
        var request = $$$"""{"type":"threads.retry_after_item","params":{"thread_id":"{{{thread.Id}}}","item_id":"msg_retried"}}""";
        await using (var result = Assert.IsType<StreamingResult>(await server.ProcessAsync(Encoding.UTF8.GetBytes(request), Alice)))
        {
            await foreach (var _ in result.Events)
            {
            }
        }

        var items = await ReadAllItemIdsAsync(thread.Id, 7, SortOrder.Asc, Alice);
        Assert.Empty(items.Intersect(newer));
        Assert.Equal(["msg_older_question", "msg_older_answer", "msg_retried"], items.Take(3));
        var answer = Assert.IsType<AssistantMessageItem>(await Store.LoadItemAsync(thread.Id, Assert.Single(items.Skip(3)), Alice));
        Assert.Equal(AnsweringServer.AnswerTo("second"), answer.Content.Single().Text);
        Assert.Equal("msg_retried", Assert.Single(server.Inputs)!.Id);
    }

    // ---------------------------------------------------------------- ids

    [Fact]
    public void Default_id_generators_use_the_protocol_prefixes()
    {
        IStore<StoreTestContext> store = Store;
        var thread = NewThread();
        Assert.StartsWith("thr_", store.GenerateThreadId(Alice), StringComparison.Ordinal);
        Assert.StartsWith("msg_", store.GenerateItemId(StoreItemKind.Message, thread, Alice), StringComparison.Ordinal);
        Assert.StartsWith("shcx_", store.GenerateItemId(StoreItemKind.SdkHiddenContext, thread, Alice), StringComparison.Ordinal);
        Assert.NotEqual(store.GenerateThreadId(Alice), store.GenerateThreadId(Alice));
    }

    // ---------------------------------------------------------------- data builders

    /// <summary>Adds (as <see cref="Alice"/>) <paramref name="count"/> items with distinct times in a shuffled order; returns ids oldest first.</summary>
    protected async Task<List<string>> AddShuffledItemsAsync(string threadId, int count, int seed = 42)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"msg_{i:D4}").ToList();
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        foreach (var i in order)
        {
            await Store.AddThreadItemAsync(threadId, Message(threadId, ids[i], At(i * 3, i)), Alice);
        }

        return ids;
    }

    /// <summary>Creates <paramref name="count"/> threads with distinct times in a shuffled order; returns ids oldest first.</summary>
    protected async Task<List<string>> AddShuffledThreadsAsync(StoreTestContext user, int count, int seed = 7)
    {
        var ids = Enumerable.Range(0, count).Select(_ => IdGenerator.New(StoreItemKind.Thread)).ToList();
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        foreach (var i in order)
        {
            await Store.SaveThreadAsync(NewThread(ids[i], At(i * 2, 1)), user);
        }

        return ids;
    }
}
