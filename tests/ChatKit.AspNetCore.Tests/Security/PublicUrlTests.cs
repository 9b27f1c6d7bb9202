using System.Net.Http.Headers;
using static ChatKit.AspNetCore.Tests.Security.SecurityHost;

namespace ChatKit.AspNetCore.Tests.Security;

/// <summary>Stored upload and preview URLs never come from a forged <c>Host</c> header.</summary>
public sealed class PublicUrlTests
{
    private static readonly byte[] Png = Attachments.AttachmentEndpointTests.Png;

    [Fact]
    public async Task A_forged_host_gets_no_link_and_the_server_keeps_serving()
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();

        var (status, body) = await PostAsync(browser, CreateAttachment("photo.png", Png.Length, "image/png"), "application/json", ("Host", "evil.example"));

        Assert.Equal(400, status);
        Assert.Equal("host_not_allowed", ErrorCode(body));
        Assert.DoesNotContain("evil.example", body!.ToJsonString());
        var (ok, created) = await PostAsync(browser, CreateAttachment("photo.png", Png.Length, "image/png"));
        Assert.Equal(200, ok);
        Assert.StartsWith(host.BaseAddress + "chatkit/upload/", created!["upload_descriptor"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_forged_host_cannot_redirect_a_direct_upload_preview()
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "chatkit/upload") { Content = Attachments.AttachmentHost.Client.Form(Png, "p.png", "image/png") };

        var (status, body) = await SendAsync(browser, request, ("Host", "evil.example"));

        Assert.Equal(400, status);
        Assert.Equal("host_not_allowed", ErrorCode(body));
    }

    [Fact]
    public async Task With_a_public_base_url_links_use_it_whatever_the_host_says()
    {
        await using var host = await StartAsync(o => o.PublicBaseUrl = "https://chat.example.com/app/");
        using var browser = host.NewBrowser();

        var (status, created) = await PostAsync(browser, CreateAttachment("photo.png", Png.Length, "image/png"), "application/json", ("Host", "evil.example"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "chatkit/upload") { Content = Attachments.AttachmentHost.Client.Form(Png, "p.png", "image/png") };
        var (uploadStatus, uploaded) = await SendAsync(browser, request, ("Host", "evil.example"));

        Assert.Equal(200, status);
        Assert.StartsWith("https://chat.example.com/app/chatkit/upload/atc_", created!["upload_descriptor"]!["url"]!.GetValue<string>());
        Assert.StartsWith("https://chat.example.com/app/chatkit/attachments/atc_", created["preview_url"]!.GetValue<string>());
        Assert.Equal(200, uploadStatus);
        Assert.StartsWith("https://chat.example.com/app/chatkit/attachments/atc_", uploaded!["preview_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_configured_host_is_trusted()
    {
        await using var host = await StartAsync(o => o.AllowedHosts.Add("chat.example.com"));
        using var browser = host.NewBrowser();

        var (status, created) = await PostAsync(browser, CreateAttachment("a.txt", 3, "text/plain"), "application/json", ("Host", "chat.example.com:8443"));

        Assert.Equal(200, status);
        Assert.StartsWith("http://chat.example.com:8443/chatkit/upload/", created!["upload_descriptor"]!["url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("chat.example.com")]
    [InlineData("eu.chat.example.com")]
    public async Task Hosts_named_by_host_filtering_are_trusted(string hostName)
    {
        await using var host = await StartAsync(allowedHosts: "127.0.0.1;chat.example.com;*.chat.example.com");
        using var browser = host.NewBrowser();

        var (status, created) = await PostAsync(browser, CreateAttachment("a.txt", 3, "text/plain"), "application/json", ("Host", hostName));

        Assert.Equal(200, status);
        Assert.StartsWith($"http://{hostName}/chatkit/upload/", created!["upload_descriptor"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wildcard_host_filter_trusts_nothing_extra()
    {
        await using var host = await StartAsync(allowedHosts: "*");
        using var browser = host.NewBrowser();

        var (status, body) = await PostAsync(browser, CreateAttachment("a.txt", 3, "text/plain"), "application/json", ("Host", "evil.example"));

        Assert.Equal(400, status);
        Assert.Equal("host_not_allowed", ErrorCode(body));
    }
}
