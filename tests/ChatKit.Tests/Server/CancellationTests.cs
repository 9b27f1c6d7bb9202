using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Json;
using ChatKit.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ChatKit.Tests.Server;

/// <summary>Client disconnects (docs/protocol.md §9.5): partial answers kept, other pending items dropped, marker added, fresh token.</summary>
public sealed class CancellationTests
{
    private const string Marker = "The user cancelled the stream. Stop responding to the prior request.";

    private static ServerFixture Streaming(out Func<string> messageId)
    {
        var f = new ServerFixture();
        string? id = null;
        messageId = () => id!;
        f.Server.Respond = (s, t, _, c, ct) =>
        {
            id = s.NewId(StoreItemKind.Message, t, c);
            var widgetId = s.NewId(StoreItemKind.Message, t, c);
            var emptyId = s.NewId(StoreItemKind.Message, t, c);
            return Scripts.ThenHang(
            [
                () => new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = id, ThreadId = t.Id, CreatedAt = s.Time } },
                () => new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartAdded { ContentIndex = 0, Content = new() } },
                () => new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "Hel" } },
                () => new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "lo" } },
                () => new ThreadItemUpdatedEvent
                {
                    ItemId = id,
                    Update = new AssistantMessageContentPartAnnotationAdded { ContentIndex = 0, AnnotationIndex = 5, Annotation = new() { Source = new FileSource { Title = "Doc", Filename = "d.pdf" } } },
                },
                () => new ThreadItemUpdatedEvent { ItemId = id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 1, Delta = " second part" } },
                () => new ThreadItemAddedEvent { Item = FixtureConversation.MakeWidgetItem(widgetId, t.Id, s.Time, JsonNode.Parse("""{"type":"Card","children":[]}""")!) },
                () => new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = emptyId, ThreadId = t.Id, CreatedAt = s.Time, Content = [new() { Text = "  \n " }] } },
                () => new ThreadItemAddedEvent
                {
                    Item = new WorkflowItem { Id = s.NewId(StoreItemKind.Workflow, t, c), ThreadId = t.Id, CreatedAt = s.Time, Workflow = new() { Type = WorkflowType.Reasoning } },
                },
            ], ct);
        };
        return f;
    }

    private const int FramesBeforeHang = 3 + 9; // thread.created, user done, stream_options + the handler's 9 events

    private static async Task AssertCleanedUpAsync(ServerFixture f, string threadId, string messageId)
    {
        var items = await f.ItemsAsync(threadId);
        Assert.Equal(["user_message", "assistant_message", "sdk_hidden_context"], items.Select(i => Run.ToNode(i)["type"]!.GetValue<string>()));
        var partial = Assert.IsType<AssistantMessageItem>(items[1]);
        Assert.Equal(messageId, partial.Id);
        JsonTree.AssertEqual(
            JsonNode.Parse("""[{"annotations":[{"type":"annotation","source":{"title":"Doc","type":"file","filename":"d.pdf"}}],"text":"Hello","type":"output_text"},{"annotations":[],"text":" second part","type":"output_text"}]"""),
            Run.ToNode(partial)["content"]);
        var marker = Assert.IsType<SdkHiddenContextItem>(items[2]);
        Assert.Equal(Marker, marker.Content);
        Assert.StartsWith("shcx_", marker.Id, StringComparison.Ordinal);

        // The clean-up ran with a live token (the guarded store throws on cancelled ones) and did not fail.
        Assert.DoesNotContain(f.Logger.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Cancelling_the_request_token_while_the_handler_waits_saves_the_partial_answer_and_the_marker()
    {
        var f = Streaming(out var messageId);
        using var disconnect = new CancellationTokenSource();
        var result = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.CreateBody("Hi"), disconnect.Token));
        string? threadId = null;
        await using (var frames = result.GetAsyncEnumerator())
        {
            for (var i = 0; i < FramesBeforeHang; i++)
            {
                Assert.True(await frames.MoveNextAsync());
                threadId ??= (string?)JsonNode.Parse(frames.Current.Span[6..])!["thread"]?["id"];
            }

            var blocked = frames.MoveNextAsync().AsTask();
            await Task.Delay(50);
            Assert.False(blocked.IsCompleted);
            await disconnect.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        }

        await AssertCleanedUpAsync(f, threadId!, messageId());
    }

    [Fact]
    public async Task Cancelling_the_enumeration_token_has_the_same_effect()
    {
        var f = Streaming(out var messageId);
        var result = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.CreateBody("Hi")));
        using var disconnect = new CancellationTokenSource();
        var events = new List<JsonNode>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in result.Events.WithCancellation(disconnect.Token))
            {
                events.Add(System.Text.Json.JsonSerializer.SerializeToNode(e, ChatKit.Json.ChatKitJson.Wire.ThreadStreamEvent)!);
                if (events.Count == FramesBeforeHang)
                {
                    await disconnect.CancelAsync();
                }
            }
        });

        await AssertCleanedUpAsync(f, (string)events[0]["thread"]!["id"]!, messageId());
    }

    [Fact]
    public async Task A_part_done_or_added_replaces_its_buffered_text_and_leaves_the_other_parts_text()
    {
        // Text deltas are buffered per part; a part.done (or part.added) for one part replaces it whole, so only that
        // part's buffered text is dropped. What the cancelled turn stores shows the state the events add up to.
        var f = new ServerFixture();
        string? id = null;
        f.Server.Respond = (s, t, _, c, ct) =>
        {
            id = s.NewId(StoreItemKind.Message, t, c);
            ThreadItemUpdatedEvent Update(ThreadItemUpdate update) => new() { ItemId = id, Update = update };
            return Scripts.ThenHang(
            [
                () => new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = id, ThreadId = t.Id, CreatedAt = s.Time } },
                () => Update(new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "a" }),
                () => Update(new AssistantMessageContentPartTextDelta { ContentIndex = 1, Delta = "b" }),
                () => Update(new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "c" }),
                () => Update(new AssistantMessageContentPartDone { ContentIndex = 0, Content = new() { Text = "zero" } }),
                () => Update(new AssistantMessageContentPartTextDelta { ContentIndex = 1, Delta = "d" }),
                () => Update(new AssistantMessageContentPartTextDelta { ContentIndex = 2, Delta = "lost" }),
                () => Update(new AssistantMessageContentPartAdded { ContentIndex = 2, Content = new() { Text = "two" } }),
                () => Update(new AssistantMessageContentPartTextDelta { ContentIndex = 2, Delta = "!" }),
                () => Update(new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = " more" }),
            ], ct);
        };

        using var disconnect = new CancellationTokenSource();
        var result = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.CreateBody("Hi"), disconnect.Token));
        string? threadId = null;
        await using (var frames = result.GetAsyncEnumerator())
        {
            for (var i = 0; i < 3 + 10; i++)
            {
                Assert.True(await frames.MoveNextAsync());
                threadId ??= (string?)JsonNode.Parse(frames.Current.Span[6..])!["thread"]?["id"];
            }

            var blocked = frames.MoveNextAsync().AsTask();
            await disconnect.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        }

        var partial = Assert.IsType<AssistantMessageItem>((await f.ItemsAsync(threadId!))[1]);
        Assert.Equal(id, partial.Id);
        Assert.Equal(["zero more", "bd", "two!"], partial.Content.Select(p => p.Text));
    }

    [Fact]
    public async Task A_consumer_that_stops_early_cancels_a_handler_that_watches_only_its_token_parameter()
    {
        // The frame batches cancel the turn when their consumer leaves with a move in flight, then wait for that move.
        // A handler that ignores the enumerator's token (no [EnumeratorCancellation]) must see it through the token
        // it was given, or the wait never ends.
        var f = new ServerFixture();
        f.Server.Respond = (s, t, _, c, ct) => FirstThenWaitOnParameterToken(
            new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = s.NewId(StoreItemKind.Message, t, c), ThreadId = t.Id, CreatedAt = s.Time } }, ct);
        var result = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.CreateBody("Hi")));

        var batches = 0;
        await Task.Run(async () =>
        {
            await foreach (var batch in result.FrameBatches())
            {
                batches++;
                break;
            }
        }).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, batches);
    }

#pragma warning disable CS8425 // on purpose: a handler that watches only the token it was called with
    private static async IAsyncEnumerable<ThreadStreamEvent> FirstThenWaitOnParameterToken(ThreadStreamEvent first, CancellationToken ct)
    {
        yield return first;
        await Task.Delay(Timeout.Infinite, ct);
    }
#pragma warning restore CS8425

    [Fact]
    public async Task Disposing_the_enumerator_early_counts_as_a_disconnect()
    {
        var f = Streaming(out var messageId);
        var result = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.CreateBody("Hi")));
        string? threadId = null;
        var count = 0;
        await foreach (var frame in result)
        {
            threadId ??= (string?)JsonNode.Parse(frame.Span[6..])!["thread"]?["id"];
            if (++count == FramesBeforeHang)
            {
                break;
            }
        }

        await AssertCleanedUpAsync(f, threadId!, messageId());
    }

    [Fact]
    public async Task Thread_changes_not_yet_flushed_are_not_saved_on_cancel()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        f.Server.Respond = Hang;
        using var disconnect = new CancellationTokenSource();
        var result = Assert.IsType<StreamingResult>(await f.ProcessAsync(ServerFixture.AddMessageBody(threadId, "Go"), disconnect.Token));
        await using (var frames = result.GetAsyncEnumerator())
        {
            Assert.True(await frames.MoveNextAsync());
            Assert.True(await frames.MoveNextAsync());
            var blocked = frames.MoveNextAsync().AsTask();
            await disconnect.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        }

        Assert.Null((await f.Memory.LoadThreadAsync(threadId, f.Context)).Title);
        Assert.IsType<SdkHiddenContextItem>((await f.ItemsAsync(threadId))[^1]);

        static async IAsyncEnumerable<ThreadStreamEvent> Hang(TestServer s, ThreadMetadata t, UserMessageItem? input, TestContext c, [EnumeratorCancellation] CancellationToken ct)
        {
            t.Title = "unsaved";
            await Task.Delay(Timeout.Infinite, ct);
            yield break;
        }
    }

    [Fact]
    public async Task An_error_is_not_a_cancellation_pending_items_are_left_unsaved_and_no_marker_is_written()
    {
        var f = new ServerFixture();
        f.Server.Respond = (s, t, _, c, _) => Scripts.Of(
        [
            () => new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = "msg_pending", ThreadId = t.Id, CreatedAt = s.Time, Content = [new() { Text = "partial" }] } },
        ], new InvalidOperationException("boom"));

        var events = await f.StreamAsync(ServerFixture.CreateBody("Hi"));
        Assert.Equal("error", (string?)events[^1]["type"]);
        var items = await f.ItemsAsync((string)events[0]["thread"]!["id"]!);
        Assert.Equal(["user_message"], items.Select(i => Run.ToNode(i)["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Finished_stream_does_not_run_the_cancellation_handler()
    {
        var f = new ServerFixture();
        var events = await f.StreamAsync(ServerFixture.CreateBody("Hi"));
        var items = await f.ItemsAsync((string)events[0]["thread"]!["id"]!);
        Assert.DoesNotContain(items, i => i.IsHidden);
    }
}
