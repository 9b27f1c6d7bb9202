using ChatKit.Stores;

namespace ChatKit.Testing.StoreConformance;

/// <summary>
/// <see cref="JsonSourceStoreConformanceTests{TStore}"/> plus the contract of <see cref="IStoreWriteGroups{TContext}"/>:
/// a group stores every write or none, with the same checks and scoping as the single calls.
/// </summary>
/// <typeparam name="TStore">The store under test.</typeparam>
public abstract class WriteGroupStoreConformanceTests<TStore> : JsonSourceStoreConformanceTests<TStore>
    where TStore : IStore<StoreTestContext>, IThreadItemJsonSource<StoreTestContext>, IStoreWriteGroups<StoreTestContext>
{
    [Fact]
    public async Task A_group_stores_a_thread_its_attachment_and_its_items_in_order()
    {
        var thread = NewThread();
        var attachment = new FileAttachment { Id = "atc_" + Guid.NewGuid().ToString("N"), Name = "a.txt", MimeType = "text/plain", ThreadId = thread.Id };
        var first = Message(thread.Id, "msg_1", At(1), "one");
        var second = Message(thread.Id, "msg_2", At(1), "two");

        await Store.WriteGroupAsync(
            [new StoreWrite.SaveThread(thread), new StoreWrite.SaveAttachment(attachment), new StoreWrite.AddItem(thread.Id, first), new StoreWrite.AddItem(thread.Id, second)],
            Alice);

        AssertSameThread(thread, await Store.LoadThreadAsync(thread.Id, Alice));
        Assert.Equal(thread.Id, (await Store.LoadAttachmentAsync(attachment.Id, Alice)).ThreadId);
        Assert.Equal(["msg_1", "msg_2"], await ReadAllItemIdsAsync(thread.Id, 10, SortOrder.Asc, Alice));
        AssertSameItem(second, await Store.LoadItemAsync(thread.Id, "msg_2", Alice));
    }

    [Fact]
    public async Task A_group_whose_item_has_no_thread_stores_nothing_and_says_which_thread()
    {
        var thread = NewThread();
        var existing = await CreateThreadAsync(Alice);
        var error = await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.WriteGroupAsync(
            [new StoreWrite.SaveThread(thread), new StoreWrite.AddItem(existing.Id, Message(existing.Id, "msg_kept_out", At(2))), new StoreWrite.AddItem("thr_missing", Message("thr_missing", "msg_x", At(2)))],
            Alice).AsTask());

        Assert.Contains("thr_missing", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadAsync(thread.Id, Alice).AsTask());
        Assert.Empty(await ReadAllItemIdsAsync(existing.Id, 10, SortOrder.Asc, Alice));
    }

    [Fact]
    public async Task A_group_writes_as_its_user_only()
    {
        var bobs = await CreateThreadAsync(Bob);
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.WriteGroupAsync([new StoreWrite.AddItem(bobs.Id, Message(bobs.Id, "msg_1", At(1)))], Alice).AsTask());

        var thread = NewThread();
        await Store.WriteGroupAsync([new StoreWrite.SaveThread(thread), new StoreWrite.AddItem(thread.Id, Message(thread.Id, "msg_1", At(1)))], Alice);
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => Store.LoadThreadAsync(thread.Id, Bob).AsTask());
        Assert.Empty(await ReadAllItemIdsAsync(bobs.Id, 10, SortOrder.Asc, Bob));
    }

    [Fact]
    public async Task A_group_that_saves_an_existing_thread_and_item_replaces_them_in_place()
    {
        var thread = await CreateThreadAsync(Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "msg_1", At(1), "draft"), Alice);
        await Store.AddThreadItemAsync(thread.Id, Message(thread.Id, "msg_2", At(1)), Alice);
        var renamed = NewThread(thread.Id, thread.CreatedAt);
        renamed.Title = "renamed";

        await Store.WriteGroupAsync([new StoreWrite.AddItem(thread.Id, Message(thread.Id, "msg_1", At(1), "final")), new StoreWrite.SaveThread(renamed)], Alice);

        Assert.Equal("renamed", (await Store.LoadThreadAsync(thread.Id, Alice)).Title);
        Assert.Equal(["msg_1", "msg_2"], await ReadAllItemIdsAsync(thread.Id, 10, SortOrder.Asc, Alice));
        Assert.Equal("final", ((AssistantMessageItem)await Store.LoadItemAsync(thread.Id, "msg_1", Alice)).Content[0].Text);
    }
}
