using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>
/// A turn's writes are grouped so that a store committing per call commits as rarely as it can, and never later than
/// the flush that shows the client what was written.
/// </summary>
public sealed class GroupedWritesTests
{
    private readonly CommitLog _store = new(new InMemoryStore<TestContext>());
    private readonly TestServer _server;

    public GroupedWritesTests() => _server = new TestServer(_store, new FixtureAttachmentStore());

    [Fact]
    public async Task A_new_thread_its_first_message_and_the_answer_take_two_commits()
    {
        var events = await StreamAsync(ServerFixture.CreateBody("Hi"));

        var threadId = (string)events[0]["thread"]!["id"]!;
        var items = (await _store.LoadThreadItemsAsync(threadId, null, 10, SortOrder.Asc, TestContext.Alice)).Data;
        Assert.Equal(
            [$"commit:thread:{threadId},item:{items[0].Id}", $"commit:item:{items[1].Id}"],
            _store.Commits);
    }

    [Fact]
    public async Task A_thread_change_made_while_answering_is_committed_with_the_answer()
    {
        _server.Respond = static (s, thread, _, context, _) => Titled(s, thread, context);
        var threadId = (string)(await StreamAsync(ServerFixture.CreateBody("Hi")))[0]["thread"]!["id"]!;

        var commits = _store.Commits;
        Assert.Equal(2, commits.Count);
        var answer = (await _store.LoadThreadItemsAsync(threadId, null, 10, SortOrder.Asc, TestContext.Alice)).Data[1];
        Assert.Equal($"commit:item:{answer.Id},thread:{threadId}", commits[1]);
        Assert.Equal("A title", (await _store.LoadThreadAsync(threadId, TestContext.Alice)).Title);

        static async IAsyncEnumerable<ThreadStreamEvent> Titled(TestServer s, ThreadMetadata thread, TestContext context)
        {
            await Task.Yield();
            thread.Title = "A title";
            yield return new ThreadItemDoneEvent { Item = s.Message(thread, context, "Hello") };
        }
    }

    [Fact]
    public async Task The_thread_change_is_still_announced_after_the_item_it_was_stored_with()
    {
        _server.Respond = static (s, thread, _, context, _) => Titled(s, thread, context);
        var events = await StreamAsync(ServerFixture.CreateBody("Hi"));

        Assert.Equal(
            "thread.created,thread.item.done,stream_options,thread.item.done,thread.updated",
            string.Join(",", events.Select(e => (string)e["type"]!)));
        Assert.Equal("A title", (string?)events[^1]["thread"]!["title"]);

        static async IAsyncEnumerable<ThreadStreamEvent> Titled(TestServer s, ThreadMetadata thread, TestContext context)
        {
            await Task.Yield();
            thread.Title = "A title";
            yield return new ThreadItemDoneEvent { Item = s.Message(thread, context, "Hello") };
        }
    }

    [Fact]
    public async Task Every_item_a_client_sees_as_done_is_stored_before_the_flush_that_carries_it()
    {
        _server.Respond = static (s, thread, _, context, ct) => Burst(s, thread, context, ct);
        var result = Assert.IsType<StreamingResult>(await _server.ProcessAsync(Run.Body(ServerFixture.CreateBody("Hi")), TestContext.Alice));
        using var output = new FlushLog(_store.Entries);
        await result.WriteToAsync(output);

        var entries = _store.Entries.ToList();
        var flushes = entries.Where(e => e.StartsWith("flush:", StringComparison.Ordinal)).ToList();
        Assert.True(flushes.Count >= 2, string.Join("\n", entries));
        var doneSeen = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (!entries[i].StartsWith("flush:", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var id in entries[i]["flush:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                doneSeen++;
                Assert.True(
                    entries.Take(i).Any(e => e.StartsWith("commit:", StringComparison.Ordinal) && e.Contains("item:" + id, StringComparison.Ordinal)),
                    $"item {id} was flushed as done before it was committed:\n{string.Join("\n", entries)}");
            }
        }

        Assert.Equal(5, doneSeen); // the user message and four answers

        // Three answers in a row, then one after a pause: the burst shares flushes, the store still commits each.
        static async IAsyncEnumerable<ThreadStreamEvent> Burst(TestServer s, ThreadMetadata thread, TestContext context, [EnumeratorCancellation] CancellationToken ct)
        {
            for (var i = 0; i < 3; i++)
            {
                var message = s.Message(thread, context, $"part {i}");
                yield return new ThreadItemAddedEvent { Item = message };
                yield return new ThreadItemDoneEvent { Item = message };
            }

            await Task.Delay(20, ct);
            thread.Title = "Burst";
            yield return new ThreadItemDoneEvent { Item = s.Message(thread, context, "last") };
        }
    }

    [Fact]
    public async Task A_failed_group_shows_the_client_nothing_of_it()
    {
        var failing = new FailingGroups(new InMemoryStore<TestContext>());
        var server = new TestServer(failing, new FixtureAttachmentStore());
        var events = await Run.EventsAsync(await server.ProcessAsync(Run.Body(ServerFixture.CreateBody("Hi")), TestContext.Alice));

        var error = Assert.Single(events);
        Assert.Equal("error", (string?)error["type"]);
        Assert.Empty((await failing.Inner.LoadThreadsAsync(10, null, SortOrder.Asc, TestContext.Alice)).Data);
    }

    private async Task<List<JsonNode>> StreamAsync(string body) =>
        await Run.EventsAsync(await _server.ProcessAsync(Run.Body(body), TestContext.Alice));

    /// <summary>A store whose groups always fail (as a failed commit does: nothing of the group is stored).</summary>
    private sealed class FailingGroups(InMemoryStore<TestContext> inner) : IStore<TestContext>, IStoreWriteGroups<TestContext>
    {
        public InMemoryStore<TestContext> Inner => inner;

        public ValueTask WriteGroupAsync(IReadOnlyList<StoreWrite> writes, TestContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("disk full"));

        public ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TestContext context, CancellationToken cancellationToken = default) => inner.LoadThreadAsync(threadId, context, cancellationToken);

        public ValueTask SaveThreadAsync(ThreadMetadata thread, TestContext context, CancellationToken cancellationToken = default) => inner.SaveThreadAsync(thread, context, cancellationToken);

        public ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TestContext context, CancellationToken cancellationToken = default) =>
            inner.LoadThreadsAsync(limit, after, order, context, cancellationToken);

        public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TestContext context, CancellationToken cancellationToken = default) =>
            inner.LoadThreadItemsAsync(threadId, after, limit, order, context, cancellationToken);

        public ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TestContext context, CancellationToken cancellationToken = default) => inner.AddThreadItemAsync(threadId, item, context, cancellationToken);

        public ValueTask SaveItemAsync(string threadId, ThreadItem item, TestContext context, CancellationToken cancellationToken = default) => inner.SaveItemAsync(threadId, item, context, cancellationToken);

        public ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TestContext context, CancellationToken cancellationToken = default) => inner.LoadItemAsync(threadId, itemId, context, cancellationToken);

        public ValueTask DeleteThreadItemAsync(string threadId, string itemId, TestContext context, CancellationToken cancellationToken = default) => inner.DeleteThreadItemAsync(threadId, itemId, context, cancellationToken);

        public ValueTask DeleteThreadAsync(string threadId, TestContext context, CancellationToken cancellationToken = default) => inner.DeleteThreadAsync(threadId, context, cancellationToken);

        public ValueTask SaveAttachmentAsync(Attachment attachment, TestContext context, CancellationToken cancellationToken = default) => inner.SaveAttachmentAsync(attachment, context, cancellationToken);

        public ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, TestContext context, CancellationToken cancellationToken = default) => inner.LoadAttachmentAsync(attachmentId, context, cancellationToken);

        public ValueTask DeleteAttachmentAsync(string attachmentId, TestContext context, CancellationToken cancellationToken = default) => inner.DeleteAttachmentAsync(attachmentId, context, cancellationToken);
    }

    /// <summary>Logs each flush as <c>flush:</c> plus the ids of the items it carried as done.</summary>
    private sealed class FlushLog(System.Collections.Concurrent.ConcurrentQueue<string> log) : Stream
    {
        private readonly MemoryStream _pending = new();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _pending.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            var done = Run.EventsOf(_pending.ToArray())
                .Where(e => (string?)e["type"] == "thread.item.done")
                .Select(e => (string)e["item"]!["id"]!);
            log.Enqueue("flush:" + string.Join(",", done));
            _pending.SetLength(0);
            return Task.CompletedTask;
        }

        public override void Flush() => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        protected override void Dispose(bool disposing)
        {
            _pending.Dispose();
            base.Dispose(disposing);
        }
    }
}
