using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>A turn rejected with <see cref="ChatKitTurnRejectedException"/> takes back what it added.</summary>
public sealed class TurnRejectionTests
{
    [Fact]
    public async Task A_rejected_turn_removes_its_items_from_the_stream_and_the_store_and_keeps_what_was_there()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync("First");
        var before = (await f.ItemsAsync(threadId)).Select(i => i.Id).ToList();
        string? messageId = null;
        string? workflowId = null;
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of(
            [
                () => new ThreadItemDoneEvent { Item = s.Message(t, c, "partial") is var m && (messageId = m.Id) is not null ? m : m },
                () => new ThreadItemAddedEvent
                {
                    Item = new WorkflowItem
                    {
                        Id = workflowId = s.NewId(StoreItemKind.Workflow, t, c), ThreadId = t.Id, CreatedAt = s.Time,
                        Workflow = new Workflow { Type = WorkflowType.Custom, Tasks = [new CustomTask { Title = "Checking" }] },
                    },
                },
                () => new ThreadItemDoneEvent
                {
                    Item = new SdkHiddenContextItem { Id = s.NewId(StoreItemKind.SdkHiddenContext, t, c), ThreadId = t.Id, CreatedAt = s.Time, Content = "note" },
                },
            ],
            new ChatKitTurnRejectedException("That request is not allowed."));

        var events = await f.StreamAsync(ServerFixture.AddMessageBody(threadId, "Second"));

        Assert.Equal(
            "thread.item.done,stream_options,thread.item.done,thread.item.added,thread.item.removed,thread.item.removed,error",
            Run.Types(events));
        Assert.Equal([workflowId, messageId], events.Where(e => (string?)e["type"] == "thread.item.removed").Select(e => (string?)e["item_id"]));
        Assert.Equal("""{"type":"error","code":"custom","message":"That request is not allowed.","allow_retry":false}""", events[^1].ToJsonString());
        var after = (await f.ItemsAsync(threadId)).Select(i => i.Id).ToList();
        Assert.Equal(before.Count + 1, after.Count); // the earlier turn and the new user message
        Assert.Equal(before, after.Take(before.Count));
    }

    [Fact]
    public async Task A_workflow_task_is_not_duplicated_on_its_done_event()
    {
        var f = new ServerFixture();
        WorkflowItem? workflow = null;
        var task = new CustomTask { Title = "foo", Content = "bar" };
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of(
        [
            () => new ThreadItemAddedEvent
            {
                Item = workflow = new WorkflowItem
                {
                    Id = s.NewId(StoreItemKind.Workflow, t, c), ThreadId = t.Id, CreatedAt = s.Time,
                    Workflow = new Workflow { Type = WorkflowType.Custom, Tasks = [] },
                },
            },
            () => new ThreadItemUpdatedEvent { ItemId = workflow!.Id, Update = new WorkflowTaskAdded { TaskIndex = 0, Task = task } },
            () =>
            {
                // The handler keeps its own object up to date and finishes with it.
                workflow!.Workflow.Tasks = [.. workflow.Workflow.Tasks, task];
                return new ThreadItemDoneEvent { Item = workflow };
            },
        ]);

        var events = await f.StreamAsync(ServerFixture.CreateBody("Hi"));

        var done = events.Last(e => (string?)e["type"] == "thread.item.done");
        Assert.Single(done["item"]!["workflow"]!["tasks"]!.AsArray());
        var stored = Assert.IsType<WorkflowItem>((await f.ItemsAsync((string)events[0]["thread"]!["id"]!)).Last());
        Assert.Equal("foo", Assert.IsType<CustomTask>(Assert.Single(stored.Workflow.Tasks)).Title);
    }
}
