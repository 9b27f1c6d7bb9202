using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Testing.Http;

namespace ChatKit.AspNetCore.Tests.Attachments;

public sealed class AttachmentEndpointTests : IAsyncLifetime
{
    internal static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private AttachmentHost _host = null!;
    private AttachmentHost.Client _alice = null!;
    private AttachmentHost.Client _bob = null!;

    public async Task InitializeAsync()
    {
        _host = await AttachmentHost.StartAsync();
        _alice = _host.CreateClient("alice");
        _bob = _host.CreateClient("bob");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        _bob.Dispose();
        await _host.DisposeAsync();
    }

    private string FilePath(string user, string id) =>
        Path.Combine(_host.Store.RootDirectory, ChatKit.AspNetCore.Attachments.DiskAttachmentStore<ChatKitRequestContext>.UserKey(user), id);

    private static string ThreadIdOf(string sse)
    {
        var line = sse.Split('\n').First(l => l.StartsWith("data: ", StringComparison.Ordinal) && l.Contains("thread.created", StringComparison.Ordinal));
        return JsonNode.Parse(line["data: ".Length..])!["thread"]!["id"]!.GetValue<string>();
    }

    private static string CreateThreadWith(string text, params string[] ids) =>
        ChatKitRequests.Request("threads.create", new JsonObject { ["input"] = ChatKitRequests.Input(text, ids) });

    private async Task<string> UploadTextAsync(AttachmentHost.Client client, string text = "hello")
    {
        var (status, body) = await client.UploadAsync(Encoding.UTF8.GetBytes(text), "notes.txt", "text/plain");
        Assert.Equal(200, status);
        return body!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Direct_upload_of_a_text_file_stores_bytes_and_returns_the_attachment_without_metadata()
    {
        var (status, body) = await _alice.UploadAsync("hello attachment"u8.ToArray(), "notes.txt", "text/plain; charset=utf-8");
        Assert.Equal(200, status);
        var id = body!["id"]!.GetValue<string>();
        Assert.StartsWith("atc_", id);
        Assert.Equal("file", body["type"]!.GetValue<string>());
        Assert.Equal("notes.txt", body["name"]!.GetValue<string>());
        Assert.Equal("text/plain", body["mime_type"]!.GetValue<string>());
        Assert.Null(body["metadata"]);
        Assert.Null(body["upload_descriptor"]);
        Assert.Null(body["preview_url"]);
        Assert.Equal("hello attachment", await File.ReadAllTextAsync(FilePath("alice", id)));
    }

    [Fact]
    public async Task Direct_upload_of_an_image_has_an_absolute_preview_served_with_nosniff()
    {
        var (status, body) = await _alice.UploadAsync(Png, "pixel.png", "image/png");
        Assert.Equal(200, status);
        Assert.Equal("image", body!["type"]!.GetValue<string>());
        var preview = new Uri(body["preview_url"]!.GetValue<string>());
        Assert.True(preview.IsAbsoluteUri);
        Assert.Equal(_host.BaseAddress.Authority, preview.Authority);

        using var response = await _alice.Http.GetAsync(preview);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());

        using var other = await _bob.Http.GetAsync(preview);
        Assert.Equal(404, (int)other.StatusCode);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_413()
    {
        var (status, body) = await _alice.UploadAsync(new byte[70 * 1024], "big.txt", "text/plain");
        Assert.Equal(413, status);
        Assert.Equal("file_too_large", body!["error"]!["code"]!.GetValue<string>());
        Assert.Empty(Directory.EnumerateFiles(_host.Store.RootDirectory, "atc_*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("application/zip", "PK\u0003\u0004zip", "a.zip", "unsupported_media_type")]
    [InlineData(null, "hello", "a.bin", "unsupported_media_type")]
    [InlineData("image/png", "not a png at all", "fake.png", "content_mismatch")]
    [InlineData("image/jpeg", "GIF89a......", "fake.jpg", "content_mismatch")]
    [InlineData("application/pdf", "hello", "fake.pdf", "content_mismatch")]
    [InlineData("text/plain", "%PDF-1.7 binary", "fake.txt", "content_mismatch")]
    public async Task Disallowed_types_and_bytes_that_do_not_match_the_type_are_415(string? type, string content, string name, string code)
    {
        var (status, body) = await _alice.UploadAsync(Encoding.UTF8.GetBytes(content), name, type);
        Assert.Equal(415, status);
        Assert.Equal(code, body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Text_that_is_not_utf8_is_415()
    {
        var (status, _) = await _alice.UploadAsync([0x68, 0x69, 0xC3, 0x28, 0xFF], "bad.txt", "text/plain");
        Assert.Equal(415, status);
        var (status2, _) = await _alice.UploadAsync([0x68, 0x00, 0x69], "nul.txt", "text/plain");
        Assert.Equal(415, status2);
    }

    [Fact]
    public async Task Empty_file_missing_field_and_non_multipart_bodies_are_rejected()
    {
        var (empty, emptyBody) = await _alice.UploadAsync([], "empty.txt", "text/plain");
        Assert.Equal(400, empty);
        Assert.Equal("empty_file", emptyBody!["error"]!["code"]!.GetValue<string>());

        var (missing, missingBody) = await _alice.UploadAsync("x"u8.ToArray(), "a.txt", "text/plain", field: "upload");
        Assert.Equal(400, missing);
        Assert.Equal("missing_file", missingBody!["error"]!["code"]!.GetValue<string>());

        var (json, _) = await _alice.SendAsync(new HttpRequestMessage(HttpMethod.Post, "chatkit/upload") { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
        Assert.Equal(415, json);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a/b\\c.txt", "c.txt")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("evil\u0001\u001f\u202Etxt.exe.txt", "eviltxt.exe.txt")]
    [InlineData("....", "file")]
    [InlineData("..", "file")]
    public async Task File_names_are_sanitized_and_bytes_stay_under_the_root(string name, string expected)
    {
        var (status, body) = await _alice.UploadAsync("safe"u8.ToArray(), name, "text/plain");
        Assert.Equal(200, status);
        Assert.Equal(expected, body!["name"]!.GetValue<string>());
        var id = body["id"]!.GetValue<string>();
        Assert.True(File.Exists(FilePath("alice", id)));
        var root = Path.GetDirectoryName(_host.Store.RootDirectory)!;
        Assert.All(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories), f => Assert.StartsWith(_host.Store.RootDirectory, f));
        Assert.False(File.Exists(Path.Combine(root, "passwd")));
    }

    [Fact]
    public async Task Long_names_are_shortened_keeping_the_extension()
    {
        var (status, body) = await _alice.UploadAsync("x"u8.ToArray(), new string('a', 500) + ".txt", "text/plain");
        Assert.Equal(200, status);
        var name = body!["name"]!.GetValue<string>();
        Assert.Equal(200, name.Length);
        Assert.EndsWith(".txt", name);
    }

    [Fact]
    public async Task Another_users_attachment_is_404_for_preview_delete_and_messages()
    {
        var (_, body) = await _alice.UploadAsync(Png, "pixel.png", "image/png");
        var id = body!["id"]!.GetValue<string>();

        using var preview = await _bob.Http.GetAsync($"chatkit/attachments/{id}/preview");
        Assert.Equal(404, (int)preview.StatusCode);

        var (delete, _) = await _bob.PostJsonAsync(ChatKitRequests.Request("attachments.delete", new JsonObject { ["attachment_id"] = id }));
        Assert.Equal(404, delete);
        Assert.True(File.Exists(FilePath("alice", id)));

        var (use, _) = await _bob.PostStreamAsync(CreateThreadWith("mine now", id));
        Assert.Equal(404, use);

        using var traversal = await _alice.Http.GetAsync($"chatkit/attachments/..%2F..%2Fetc/preview");
        Assert.Equal(404, (int)traversal.StatusCode);
    }

    [Fact]
    public async Task A_file_has_no_preview()
    {
        var id = await UploadTextAsync(_alice);
        using var preview = await _alice.Http.GetAsync($"chatkit/attachments/{id}/preview");
        Assert.Equal(404, (int)preview.StatusCode);
    }

    [Fact]
    public async Task Attachments_delete_removes_bytes_and_metadata()
    {
        var id = await UploadTextAsync(_alice);
        var (status, body) = await _alice.PostJsonAsync(ChatKitRequests.Request("attachments.delete", new JsonObject { ["attachment_id"] = id }));
        Assert.Equal(200, status);
        Assert.Equal("{}", body!.ToJsonString());
        Assert.False(File.Exists(FilePath("alice", id)));
        var (again, _) = await _alice.PostJsonAsync(ChatKitRequests.Request("attachments.delete", new JsonObject { ["attachment_id"] = id }));
        Assert.Equal(404, again);
    }

    [Fact]
    public async Task An_attachment_is_bound_to_its_first_thread()
    {
        var id = await UploadTextAsync(_alice);
        var (status, sse) = await _alice.PostStreamAsync(CreateThreadWith("first", id));
        Assert.Equal(200, status);
        var thread = ThreadIdOf(sse);
        Assert.Contains(id, sse);
        var userMessage = sse.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[6..])!)
            .Single(e => (string?)e["item"]?["type"] == "user_message");
        Assert.Equal(thread, userMessage["item"]!["attachments"]![0]!["thread_id"]!.GetValue<string>());

        var (same, _) = await _alice.PostStreamAsync(ChatKitRequests.AddUserMessage(thread, "again", id));
        Assert.Equal(200, same);

        var (other, body) = await _alice.PostStreamAsync(CreateThreadWith("elsewhere", id));
        Assert.Equal(400, other);
        Assert.Contains("another thread", body);
    }

    [Fact]
    public async Task Deleting_a_thread_deletes_its_attachments()
    {
        var id = await UploadTextAsync(_alice);
        var kept = await UploadTextAsync(_alice);
        var (_, sse) = await _alice.PostStreamAsync(CreateThreadWith("with file", id));
        var thread = ThreadIdOf(sse);
        Assert.True(File.Exists(FilePath("alice", id)));

        var (status, _) = await _alice.PostJsonAsync(ChatKitRequests.DeleteThread(thread));
        Assert.Equal(200, status);
        Assert.False(File.Exists(FilePath("alice", id)));
        Assert.False(File.Exists(FilePath("alice", id) + ".json"));
        Assert.True(File.Exists(FilePath("alice", kept)));
        var (delete, _) = await _alice.PostJsonAsync(ChatKitRequests.Request("attachments.delete", new JsonObject { ["attachment_id"] = id }));
        Assert.Equal(404, delete);
    }

    [Fact]
    public async Task Orphans_are_swept_after_their_lifetime_and_used_attachments_are_kept()
    {
        var orphan = await UploadTextAsync(_alice);
        var used = await UploadTextAsync(_alice);
        var (_, sse) = await _alice.PostStreamAsync(CreateThreadWith("keep", used));
        Assert.Equal(0, await _host.Sweeper.SweepAsync());

        _host.Clock.Now += TimeSpan.FromHours(25);
        Assert.Equal(1, await _host.Sweeper.SweepAsync());
        Assert.False(File.Exists(FilePath("alice", orphan)));
        Assert.True(File.Exists(FilePath("alice", used)));
        var (status, _) = await _alice.PostJsonAsync(ChatKitRequests.Request("attachments.delete", new JsonObject { ["attachment_id"] = orphan }));
        Assert.Equal(404, status);
        Assert.NotEmpty(ThreadIdOf(sse));
    }
}
