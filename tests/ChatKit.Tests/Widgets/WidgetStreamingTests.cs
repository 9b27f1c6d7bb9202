using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing;
using ChatKit.Widgets;

namespace ChatKit.Tests.Widgets;

/// <summary>Event sequences of the widget streaming helpers (docs/widgets.md §5.1, exchanges 13 and 14).</summary>
public sealed class WidgetStreamingTests
{
    private static readonly ThreadMetadata Thread = new() { Id = "thr_52e6b438", CreatedAt = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task A_single_widget_is_exactly_one_item_done()
    {
        var ids = 0;
        var clock = new FixedClock(new DateTimeOffset(2025, 6, 1, 12, 0, 5, TimeSpan.Zero));
        var widget = WidgetRoot.FromJson(ProtocolFixtures.Load("exchanges/13-threads.add_user_message.widget.json")["events"]![2]!["item"]!["widget"]!.DeepClone().AsObject());
        var events = await ToListAsync(WidgetStreaming.StreamWidgetAsync(Thread, widget, () => $"msg_{++ids}", "Enable notification?", clock));

        var done = Assert.IsType<ThreadItemDoneEvent>(Assert.Single(events));
        var item = Assert.IsType<WidgetItem>(done.Item);
        Assert.Equal(("msg_1", "thr_52e6b438", "Enable notification?"), (item.Id, item.ThreadId, item.CopyText));
        Assert.Equal(clock.Now, item.CreatedAt);
        Assert.NotSame(widget, item.Widget);
        WidgetTestJson.Equal(widget.ToJsonString(), item.Widget);
        Assert.Equal(1, ids);

        var expected = ProtocolFixtures.Load("exchanges/13-threads.add_user_message.widget.json")["events"]![2]!.AsObject();
        var actual = WidgetTestJson.Parse(WidgetTestJson.Wire(done)).AsObject();
        expected["item"]!.AsObject().Remove("created_at");
        actual["item"]!.AsObject().Remove("created_at");
        expected["item"]!["id"] = "msg_1";
        WidgetTestJson.Equal(expected, actual);
    }

    [Fact]
    public async Task A_sequence_reproduces_exchange_14()
    {
        var fixture = ProtocolFixtures.Load("exchanges/14-threads.add_user_message.widget_streaming.json")["events"]!.AsArray();
        var card = new Card { Children = [new Title { Value = "Draft" }, new Markdown { Id = "body", Value = "", Streaming = true }] };
        var states = WidgetStreaming.AccumulateTextAsync(Chunks("Dear Harry,", " you are a wizard."), card, "body");
        var events = await ToListAsync(WidgetStreaming.StreamWidgetAsync(Thread, states, () => "msg_8d116ece"));

        var expected = new JsonArray(fixture.Skip(2).Select(e => e!.DeepClone()).ToArray());
        var actual = new JsonArray(events.Select(e => WidgetTestJson.Parse(WidgetTestJson.Wire(e))).ToArray());
        foreach (var list in new[] { expected, actual })
        {
            foreach (var e in list)
            {
                (e!["item"] as JsonObject)?.Remove("created_at");
            }
        }

        WidgetTestJson.Equal(expected, actual);
        var added = (WidgetItem)((ThreadItemAddedEvent)events[0]).Item;
        var done = (WidgetItem)((ThreadItemDoneEvent)events[^1]).Item;
        Assert.Equal(added.CreatedAt, done.CreatedAt);
    }

    [Fact]
    public async Task A_sequence_keeps_id_created_at_and_copy_text_and_diffs_each_consecutive_pair()
    {
        var calls = 0;
        var clock = new FixedClock(DateTimeOffset.UnixEpoch.AddDays(1));
        var events = await ToListAsync(WidgetStreaming.StreamWidgetAsync(
            Thread,
            States(
                """{"type":"Card","children":[{"type":"Text","id":"a","value":"","streaming":true}]}""",
                """{"type":"Card","children":[{"type":"Text","id":"a","value":"x","streaming":true}]}""",
                """{"type":"Card","children":[{"type":"Text","id":"a","value":"x","streaming":true}]}""",
                """{"type":"Card","children":[{"type":"Text","id":"a","value":"xy","streaming":true}]}""",
                """{"type":"Card","size":"lg","children":[{"type":"Text","id":"a","value":"xy","streaming":false}]}"""),
            () => $"msg_{++calls}",
            copyText: "copy me",
            timeProvider: clock));

        Assert.Equal(1, calls);
        Assert.Equal(
            ["thread.item.added", "value_delta:x", "value_delta:y", "widget.root.updated", "thread.item.done"],
            events.Select(Describe));
        Assert.All(events.OfType<ThreadItemUpdatedEvent>(), e => Assert.Equal("msg_1", e.ItemId));
        var added = (WidgetItem)((ThreadItemAddedEvent)events[0]).Item;
        var done = (WidgetItem)((ThreadItemDoneEvent)events[^1]).Item;
        Assert.Equal(("msg_1", "copy me", clock.Now), (added.Id, added.CopyText, added.CreatedAt));
        Assert.Equal(("msg_1", "copy me", clock.Now), (done.Id, done.CopyText, done.CreatedAt));
        Assert.Equal(CardSize.Lg, ((Card)done.Widget).Size);
    }

    [Fact]
    public async Task A_sequence_of_one_state_is_added_then_done()
    {
        var events = await ToListAsync(WidgetStreaming.StreamWidgetAsync(Thread, States("""{"type":"Basic","children":[]}"""), () => "msg_1"));
        Assert.Equal(["thread.item.added", "thread.item.done"], events.Select(Describe));
    }

    [Fact]
    public async Task Mutating_and_re_yielding_one_instance_still_streams_deltas()
    {
        var body = new Markdown { Id = "body", Value = "", Streaming = true };
        var card = new Card { Children = [body] };

        async IAsyncEnumerable<WidgetRoot> Mutating()
        {
            yield return card;
            foreach (var word in new[] { "one", " two" })
            {
                await Task.Yield();
                body.Value += word;
                yield return card;
            }
        }

        var events = await ToListAsync(WidgetStreaming.StreamWidgetAsync(Thread, Mutating(), () => "msg_1"));
        Assert.Equal(["thread.item.added", "value_delta:one", "value_delta: two", "thread.item.done"], events.Select(Describe));
        Assert.Equal("", ((Markdown)((Card)((WidgetItem)((ThreadItemAddedEvent)events[0]).Item).Widget).Children[0]).Value);
    }

    [Fact]
    public async Task An_empty_sequence_fails_clearly()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ToListAsync(WidgetStreaming.StreamWidgetAsync(Thread, States(), () => "msg_1")));
        Assert.Contains("no state", e.Message);
    }

    [Fact]
    public async Task Accumulate_text_on_a_leaf_yields_base_then_prefixes_then_final_not_streaming()
    {
        var states = await ToListAsync(WidgetStreaming.AccumulateTextAsync(Chunks("a", "", "b"), new Text { Id = "t", Value = "", Streaming = true }));
        Assert.Equal(
            ["""{"type":"Text","id":"t","value":"","streaming":true}""", """{"type":"Text","id":"t","value":"a","streaming":true}""",
             """{"type":"Text","id":"t","value":"ab","streaming":true}""", """{"type":"Text","id":"t","value":"ab","streaming":false}"""],
            states.Select(s => s.ToJsonString()));
    }

    [Fact]
    public async Task Accumulate_text_into_a_root_requires_a_text_node_with_that_id()
    {
        var card = new Card { Children = [new Title { Id = "title", Value = "x" }] };
        await Assert.ThrowsAsync<ArgumentException>(() => ToListAsync(WidgetStreaming.AccumulateTextAsync(Chunks("a"), card, "title")));
        await Assert.ThrowsAsync<ArgumentException>(() => ToListAsync(WidgetStreaming.AccumulateTextAsync(Chunks("a"), card, "missing")));
    }

    [Fact]
    public async Task Server_extension_takes_the_item_id_from_the_store()
    {
        var server = new DraftServer(new InMemoryStore<object>(UserScope.SingleUser<object>()));
        var result = await server.ProcessAsync(Encoding.UTF8.GetBytes("""
            {"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"Draft a letter"}],"attachments":[],"inference_options":{}}}}
            """), new object());
        var events = await ToListAsync(Assert.IsType<StreamingResult>(result).Events);
        var widgetEvents = events.Where(e => e is ThreadItemUpdatedEvent || (e is ThreadItemAddedEvent or ThreadItemDoneEvent) && Item(e) is WidgetItem).ToList();
        Assert.Equal(
            ["thread.item.added", "value_delta:Dear Harry,", "value_delta: you are a wizard.", "widget.root.updated", "thread.item.done"],
            widgetEvents.Select(Describe));
        var id = Item(widgetEvents[0])!.Id;
        Assert.StartsWith("msg_", id);
        Assert.Equal(id, Item(widgetEvents[^1])!.Id);

        // What was persisted is the final state.
        var stored = (WidgetItem)await server.Store.LoadItemAsync(Item(widgetEvents[^1])!.ThreadId, id, new object());
        Assert.False(((Markdown)((Card)stored.Widget).Children[1]).Streaming);
    }

    private static ThreadItem? Item(ThreadStreamEvent e) => e switch
    {
        ThreadItemAddedEvent a => a.Item,
        ThreadItemDoneEvent d => d.Item,
        _ => null,
    };

    private static string Describe(ThreadStreamEvent e) => e switch
    {
        ThreadItemAddedEvent => "thread.item.added",
        ThreadItemDoneEvent => "thread.item.done",
        ThreadItemUpdatedEvent { Update: WidgetStreamingTextValueDelta d } => "value_delta:" + d.Delta,
        ThreadItemUpdatedEvent { Update: WidgetRootUpdated } => "widget.root.updated",
        _ => e.GetType().Name,
    };

    private static async IAsyncEnumerable<string> Chunks(params string[] chunks)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return chunk;
        }
    }

    private static async IAsyncEnumerable<WidgetRoot> States(params string[] states)
    {
        foreach (var state in states)
        {
            await Task.Yield();
            yield return WidgetRoot.Parse(state);
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class DraftServer(IStore<object> store) : ChatKitServer<object>(store)
    {
        protected override IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
            ThreadMetadata thread, UserMessageItem? input, object context, CancellationToken cancellationToken)
        {
            var card = new Card { Children = [new Title { Value = "Draft" }, new Markdown { Id = "body", Value = "", Streaming = true }] };
            var states = WidgetStreaming.AccumulateTextAsync(Chunks("Dear Harry,", " you are a wizard."), card, "body", cancellationToken);
            return this.StreamWidgetAsync(thread, states, context, cancellationToken: cancellationToken);
        }
    }
}
