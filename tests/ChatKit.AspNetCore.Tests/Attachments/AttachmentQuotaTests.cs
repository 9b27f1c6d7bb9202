using System.Text.Json.Nodes;
using ChatKit.AspNetCore.Attachments;
using ChatKit.Testing.Http;

namespace ChatKit.AspNetCore.Tests.Attachments;

/// <summary>The per-user byte quota: checked when a file is declared and when its bytes arrive; other users unaffected.</summary>
public sealed class AttachmentQuotaTests : IAsyncLifetime
{
    private AttachmentHost _host = null!;
    private AttachmentHost.Client _alice = null!;
    private AttachmentHost.Client _bob = null!;

    public async Task InitializeAsync()
    {
        _host = await AttachmentHost.StartAsync(o => o.MaxBytesPerUser = 100);
        _alice = _host.CreateClient("alice");
        _bob = _host.CreateClient("bob");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        _bob.Dispose();
        await _host.DisposeAsync();
    }

    private string UserFolder(string user) => Path.Combine(_host.Store.RootDirectory, DiskAttachmentStore<ChatKitRequestContext>.UserKey(user));

    private static byte[] Text(int length) => [.. Enumerable.Repeat((byte)'a', length)];

    [Fact]
    public async Task Direct_uploads_past_the_quota_are_refused_and_leave_no_bytes()
    {
        var (first, body) = await _alice.UploadAsync(Text(80), "a.txt", "text/plain");
        Assert.Equal(200, first);

        var (second, error) = await _alice.UploadAsync(Text(80), "b.txt", "text/plain");
        Assert.Equal(413, second);
        Assert.Equal("attachment_quota_exceeded", error!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(80, Directory.EnumerateFiles(UserFolder("alice")).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length));

        // Bob has a quota of his own; Alice gets room back by deleting.
        Assert.Equal(200, (await _bob.UploadAsync(Text(80), "c.txt", "text/plain")).Status);
        var id = body!["id"]!.GetValue<string>();
        Assert.Equal(200, (await _alice.PostJsonAsync(ChatKitRequests.Request("attachments.delete", new JsonObject { ["attachment_id"] = id }))).Status);
        Assert.Equal(200, (await _alice.UploadAsync(Text(80), "d.txt", "text/plain")).Status);
    }

    [Fact]
    public async Task Two_phase_uploads_are_checked_when_declared_and_when_uploaded()
    {
        var create = (int size) => ChatKitRequests.Request("attachments.create", new JsonObject { ["name"] = "x.txt", ["size"] = size, ["mime_type"] = "text/plain" });
        var (tooBig, error) = await _alice.PostJsonAsync(create(101));
        Assert.Equal(413, tooBig);
        Assert.Equal("attachment_quota_exceeded", error!["error"]!["code"]!.GetValue<string>());

        // Two declarations fit one at a time; the second upload finds the first's bytes.
        var (ok1, one) = await _alice.PostJsonAsync(create(60));
        var (ok2, two) = await _alice.PostJsonAsync(create(60));
        Assert.Equal(200, ok1);
        Assert.Equal(200, ok2);
        Assert.Equal(200, (await _alice.UploadAsync(Text(60), "x.txt", "text/plain", one!["upload_descriptor"]!["url"]!.GetValue<string>())).Status);
        var (late, lateError) = await _alice.UploadAsync(Text(60), "x.txt", "text/plain", two!["upload_descriptor"]!["url"]!.GetValue<string>());
        Assert.Equal(413, late);
        Assert.Equal("attachment_quota_exceeded", lateError!["error"]!["code"]!.GetValue<string>());
    }
}
