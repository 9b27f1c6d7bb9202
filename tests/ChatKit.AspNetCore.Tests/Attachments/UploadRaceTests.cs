using System.Text.Json.Nodes;
using ChatKit.Testing.Http;

namespace ChatKit.AspNetCore.Tests.Attachments;

/// <summary>Simultaneous uploads to one signed URL: one wins, the others get 409, the winner's bytes stay intact.</summary>
public sealed class UploadRaceTests : IAsyncLifetime
{
    private AttachmentHost _host = null!;
    private AttachmentHost.Client _alice = null!;

    public async Task InitializeAsync()
    {
        _host = await AttachmentHost.StartAsync();
        _alice = _host.CreateClient("alice");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<JsonObject> CreateAsync(byte[] bytes)
    {
        var (status, body) = await _alice.PostJsonAsync(ChatKitRequests.Request("attachments.create",
            new JsonObject { ["name"] = "a.txt", ["size"] = bytes.Length, ["mime_type"] = "text/plain" }));
        Assert.Equal(200, status);
        return body!;
    }

    private static (string Id, string Exp, string Sig) Parse(JsonObject created)
    {
        var url = new Uri(created["upload_descriptor"]!["url"]!.GetValue<string>());
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        return (created["id"]!.GetValue<string>(), query["exp"]!, query["sig"]!);
    }

    [Fact]
    public async Task An_upload_arriving_while_another_is_being_written_gets_409_and_leaves_it_intact()
    {
        var bytes = new byte[40_000];
        Array.Fill(bytes, (byte)'a');
        var created = await CreateAsync(bytes);
        var (id, exp, sig) = Parse(created);
        var context = new ChatKitRequestContext { UserId = "alice" };

        // The first upload stops halfway through its bytes, holding its temporary file.
        using var first = new GatedStream(bytes, pauseAt: bytes.Length / 2);
        var winner = _host.Store.CompleteUploadAsync(id, exp, sig, first, "text/plain", context);
        await first.Paused.WaitAsync(TimeSpan.FromSeconds(30));

        var loser = await Assert.ThrowsAsync<ChatKitException>(() =>
            _host.Store.CompleteUploadAsync(id, exp, sig, new MemoryStream("b".PadRight(bytes.Length, 'b').Select(c => (byte)c).ToArray()), "text/plain", context));
        Assert.Equal(409, loser.StatusCode);

        first.Resume();
        var stored = await winner.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(stored.UploadDescriptor);
        Assert.Equal(bytes, await _host.Store.ReadBytesAsync(id, context));

        var again = await Assert.ThrowsAsync<ChatKitException>(() =>
            _host.Store.CompleteUploadAsync(id, exp, sig, new MemoryStream(bytes), "text/plain", context));
        Assert.Equal(409, again.StatusCode);
        Assert.Equal(bytes, await _host.Store.ReadBytesAsync(id, context));
    }

    [Fact]
    public async Task Simultaneous_uploads_over_http_give_one_200_and_409s_and_the_server_keeps_serving()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(new string('x', 30_000));
        var created = await CreateAsync(bytes);
        var url = created["upload_descriptor"]!["url"]!.GetValue<string>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _alice.UploadAsync(bytes, "a.txt", "text/plain", url))));

        Assert.Single(results, r => r.Status == 200);
        Assert.All(results.Where(r => r.Status != 200), r =>
        {
            Assert.Equal(409, r.Status);
            Assert.Contains(r.Body!["error"]!["code"]!.GetValue<string>(), new[] { "already_uploaded", "upload_in_progress" });
        });
        Assert.Equal(bytes, await _host.Store.ReadBytesAsync(created["id"]!.GetValue<string>(), new ChatKitRequestContext { UserId = "alice" }));
        Assert.Empty(Directory.EnumerateFiles(_host.Store.RootDirectory, "*.part", SearchOption.AllDirectories));
        var (next, _) = await _alice.PostJsonAsync(ChatKitRequests.Request("threads.list", new JsonObject()));
        Assert.Equal(200, next);
    }

    [Fact]
    public async Task An_attachment_deleted_during_its_upload_answers_404_and_leaves_no_file()
    {
        var bytes = new byte[40_000];
        Array.Fill(bytes, (byte)'a');
        var (id, exp, sig) = Parse(await CreateAsync(bytes));
        var context = new ChatKitRequestContext { UserId = "alice" };
        using var upload = new GatedStream(bytes, pauseAt: bytes.Length / 2);
        var uploading = _host.Store.CompleteUploadAsync(id, exp, sig, upload, "text/plain", context);
        await upload.Paused.WaitAsync(TimeSpan.FromSeconds(30));

        var (deleted, _) = await _alice.PostJsonAsync(ChatKitRequests.Request("attachments.delete", new JsonObject { ["attachment_id"] = id }));
        Assert.Equal(200, deleted);
        upload.Resume();

        var gone = await Assert.ThrowsAsync<ChatKitNotFoundException>(() => uploading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(404, gone.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(_host.Store.RootDirectory, id + "*", SearchOption.AllDirectories));
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => _host.Store.Store.LoadAttachmentAsync(id, context).AsTask());
    }

    [Fact]
    public async Task An_attachment_deleted_between_its_upload_and_the_save_of_its_record_answers_404_and_leaves_nothing()
    {
        // attachments.delete lands after the upload moved its bytes into place and before it saved the record, whose
        // save would otherwise bring the deleted attachment back without its bytes.
        var store = new HookedStore();
        await using var host = await AttachmentHost.StartAsync(store: store);
        using var alice = host.CreateClient("alice");
        var bytes = System.Text.Encoding.UTF8.GetBytes(new string('x', 30_000));
        var (status, created) = await alice.PostJsonAsync(ChatKitRequests.Request("attachments.create",
            new JsonObject { ["name"] = "a.txt", ["size"] = bytes.Length, ["mime_type"] = "text/plain" }));
        Assert.Equal(200, status);
        var (id, exp, sig) = Parse(created!);
        var context = new ChatKitRequestContext { UserId = "alice" };
        store.BeforeNextAttachmentSave(async () =>
        {
            var (deleted, _) = await alice.PostJsonAsync(ChatKitRequests.Request("attachments.delete", new JsonObject { ["attachment_id"] = id }));
            Assert.Equal(200, deleted);
        });

        var gone = await Assert.ThrowsAsync<ChatKitNotFoundException>(() => host.Store.CompleteUploadAsync(id, exp, sig, new MemoryStream(bytes), "text/plain", context));
        Assert.Equal(404, gone.StatusCode);
        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => store.LoadAttachmentAsync(id, context).AsTask());
        Assert.Empty(Directory.EnumerateFiles(host.Store.RootDirectory, id + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Round_after_round_of_racing_uploads_end_in_one_success_and_conflicts_never_an_io_error()
    {
        // Racing uploads end at any moment of each other's work: a claim that is taken, then finished or given up
        // while a loser looks at it; the quota counting a folder whose files come and go. Each round races eight.
        var context = new ChatKitRequestContext { UserId = "alice" };
        var bytes = System.Text.Encoding.UTF8.GetBytes(new string('x', 30_000));
        for (var round = 0; round < 100; round++)
        {
            var (id, exp, sig) = Parse(await CreateAsync(bytes));
            var uploads = Enumerable.Range(0, 8)
                .Select(_ => Task.Run(() => _host.Store.CompleteUploadAsync(id, exp, sig, new MemoryStream(bytes), "text/plain", context)))
                .ToList();
            try
            {
                await Task.WhenAll(uploads);
            }
            catch (ChatKitException)
            {
                // The losers: each is checked below.
            }

            Assert.Equal(1, uploads.Count(u => u.IsCompletedSuccessfully));
            Assert.All(uploads.Where(u => !u.IsCompletedSuccessfully), u =>
            {
                var conflict = Assert.IsType<ChatKitException>(u.Exception!.InnerException);
                Assert.Equal(409, conflict.StatusCode);
            });
            Assert.Equal(bytes, await _host.Store.ReadBytesAsync(id, context));
        }

        Assert.Empty(Directory.EnumerateFiles(_host.Store.RootDirectory, "*.part", SearchOption.AllDirectories));
    }

    /// <summary>A stream that pauses once at <c>pauseAt</c> bytes until <see cref="Resume"/>.</summary>
    private sealed class GatedStream(byte[] bytes, int pauseAt) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _paused = new(0);
        private bool _hasPaused;

        public SemaphoreSlim Paused => _paused;

        public void Resume() => _resume.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_hasPaused && _inner.Position >= pauseAt)
            {
                _hasPaused = true;
                _paused.Release();
                await _resume.Task.WaitAsync(cancellationToken);
            }

            var limit = _hasPaused ? buffer.Length : (int)Math.Min(buffer.Length, pauseAt - _inner.Position);
            return _inner.Read(buffer.Span[..limit]);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _paused.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
