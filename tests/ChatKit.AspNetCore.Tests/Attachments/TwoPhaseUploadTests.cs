using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Testing.Http;

namespace ChatKit.AspNetCore.Tests.Attachments;

public sealed class TwoPhaseUploadTests : IAsyncLifetime
{
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

    private static string Create(string name, long size, string mimeType) =>
        ChatKitRequests.Request("attachments.create", new JsonObject { ["name"] = name, ["size"] = size, ["mime_type"] = mimeType });

    private async Task<JsonObject> CreateAsync(byte[] bytes, string name = "photo.png", string mimeType = "image/png")
    {
        var (status, body) = await _alice.PostJsonAsync(Create(name, bytes.Length, mimeType));
        Assert.Equal(200, status);
        return body!;
    }

    private static string UploadUrl(JsonObject attachment) => attachment["upload_descriptor"]!["url"]!.GetValue<string>();

    [Fact]
    public async Task Create_then_upload_then_use_in_a_message()
    {
        var bytes = AttachmentEndpointTests.Png;
        var created = await CreateAsync(bytes);
        Assert.Equal("image", created["type"]!.GetValue<string>());
        Assert.Null(created["metadata"]);
        var descriptor = created["upload_descriptor"]!;
        Assert.Equal("POST", descriptor["method"]!.GetValue<string>());
        var url = new Uri(descriptor["url"]!.GetValue<string>());
        Assert.True(url.IsAbsoluteUri);
        Assert.Contains("sig=", url.Query);
        Assert.Contains("exp=", url.Query);

        var (status, uploaded) = await _alice.UploadAsync(bytes, "photo.png", "image/png", url.ToString());
        Assert.Equal(200, status);
        Assert.Null(uploaded!["upload_descriptor"]);
        Assert.Equal(created["id"]!.GetValue<string>(), uploaded["id"]!.GetValue<string>());

        using var preview = await _alice.Http.GetAsync(created["preview_url"]!.GetValue<string>());
        Assert.Equal(bytes, await preview.Content.ReadAsByteArrayAsync());

        var (again, _) = await _alice.UploadAsync(bytes, "photo.png", "image/png", url.ToString());
        Assert.Equal(409, again);

        var (stream, sse) = await _alice.PostStreamAsync(ChatKitRequests.Request("threads.create", new JsonObject { ["input"] = ChatKitRequests.Input("look", created["id"]!.GetValue<string>()) }));
        Assert.Equal(200, stream);
        Assert.DoesNotContain("upload_descriptor", sse);
    }

    [Fact]
    public async Task Put_is_accepted_too()
    {
        var bytes = "plain text"u8.ToArray();
        var created = await CreateAsync(bytes, "a.txt", "text/plain");
        var (status, _) = await _alice.UploadAsync(bytes, "a.txt", "text/plain", UploadUrl(created), method: HttpMethod.Put);
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Before_the_upload_there_is_no_preview()
    {
        var created = await CreateAsync(AttachmentEndpointTests.Png);
        using var preview = await _alice.Http.GetAsync(created["preview_url"]!.GetValue<string>());
        Assert.Equal(404, (int)preview.StatusCode);
    }

    [Theory]
    [InlineData("sig", "0000")]
    [InlineData("exp", "99999999999")]
    public async Task A_tampered_url_is_403(string parameter, string value)
    {
        var bytes = AttachmentEndpointTests.Png;
        var created = await CreateAsync(bytes);
        var url = UploadUrl(created);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        query[parameter] = value;
        var tampered = url[..url.IndexOf('?', StringComparison.Ordinal)] + "?" + query;
        var (status, body) = await _alice.UploadAsync(bytes, "photo.png", "image/png", tampered);
        Assert.Equal(403, status);
        Assert.Equal("invalid_signature", body!["error"]!["code"]!.GetValue<string>());

        var (unsigned, _) = await _alice.UploadAsync(bytes, "photo.png", "image/png", url[..url.IndexOf('?', StringComparison.Ordinal)]);
        Assert.Equal(403, unsigned);
    }

    [Fact]
    public async Task Another_user_cannot_use_the_url()
    {
        var bytes = AttachmentEndpointTests.Png;
        var created = await CreateAsync(bytes);
        var (status, _) = await _bob.UploadAsync(bytes, "photo.png", "image/png", UploadUrl(created));
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task An_expired_url_is_410()
    {
        var bytes = AttachmentEndpointTests.Png;
        var created = await CreateAsync(bytes);
        _host.Clock.Now += TimeSpan.FromMinutes(16);
        var (status, body) = await _alice.UploadAsync(bytes, "photo.png", "image/png", UploadUrl(created));
        Assert.Equal(410, status);
        Assert.Equal("upload_expired", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_size_must_match_the_declared_size()
    {
        var bytes = Encoding.UTF8.GetBytes("0123456789");
        var created = await CreateAsync(bytes, "a.txt", "text/plain");
        var (shorter, _) = await _alice.UploadAsync(bytes[..5], "a.txt", "text/plain", UploadUrl(created));
        Assert.Equal(400, shorter);
        var (longer, body) = await _alice.UploadAsync([.. bytes, .. bytes], "a.txt", "text/plain", UploadUrl(created));
        Assert.Equal(400, longer);
        Assert.Equal("size_mismatch", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_bytes_and_content_type_must_match_the_declared_type()
    {
        var bytes = "not an image"u8.ToArray();
        var created = await CreateAsync(bytes);
        var (mismatch, _) = await _alice.UploadAsync(bytes, "photo.png", "image/png", UploadUrl(created));
        Assert.Equal(415, mismatch);
        var (otherType, _) = await _alice.UploadAsync(bytes, "photo.txt", "text/plain", UploadUrl(created));
        Assert.Equal(415, otherType);
    }

    [Theory]
    [InlineData("big.png", 1024 * 1024, "image/png", 413)]
    [InlineData("a.exe", 10, "application/x-msdownload", 415)]
    [InlineData("empty.txt", 0, "text/plain", 400)]
    public async Task Create_checks_declared_size_and_type(string name, long size, string mimeType, int expected)
    {
        var (status, _) = await _alice.PostJsonAsync(Create(name, size, mimeType));
        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Create_sanitizes_the_name()
    {
        var (status, body) = await _alice.PostJsonAsync(Create("../../etc/passwd.txt", 3, "text/plain"));
        Assert.Equal(200, status);
        Assert.Equal("passwd.txt", body!["name"]!.GetValue<string>());
    }
}
