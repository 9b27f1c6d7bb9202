using System.Net;
using ChatKit.AspNetCore.Tests.Attachments;
using static ChatKit.AspNetCore.Tests.Security.SecurityHost;

namespace ChatKit.AspNetCore.Tests.Security;

/// <summary>A request riding on the user's cookie must come from the app's own origin or an allowed one.</summary>
public sealed class CrossSiteRequestTests
{
    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_cookie_request_from_another_site_is_403_and_the_server_keeps_serving(string header, string value)
    {
        await using var host = await StartAsync();
        using var browser = await host.SignedInBrowserAsync();

        var (status, body) = await PostAsync(browser, ListThreads, "application/json", (header, value));

        Assert.Equal(403, status);
        Assert.Equal("cross_site_request", ErrorCode(body));
        var (after, _) = await PostAsync(browser, ListThreads);
        Assert.Equal(200, after);
    }

    [Fact]
    public async Task Cross_site_with_both_headers_is_403()
    {
        await using var host = await StartAsync();
        using var browser = await host.SignedInBrowserAsync();

        var (status, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(403, status);
    }

    [Fact]
    public async Task The_apps_own_origin_is_served()
    {
        await using var host = await StartAsync();
        using var browser = await host.SignedInBrowserAsync();

        var (withOrigin, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", host.Origin), ("Sec-Fetch-Site", "same-origin"));
        var (fetchSiteOnly, _) = await PostAsync(browser, ListThreads, "application/json", ("Sec-Fetch-Site", "same-origin"));
        var (originOnly, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", host.Origin));

        Assert.Equal(200, withOrigin);
        Assert.Equal(200, fetchSiteOnly);
        Assert.Equal(200, originOnly);
    }

    [Fact]
    public async Task Behind_a_tls_terminating_proxy_the_https_origin_of_the_same_host_is_served()
    {
        await using var host = await StartAsync();
        using var browser = await host.SignedInBrowserAsync();
        var https = "https://" + host.BaseAddress.Authority;

        var (status, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", https));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task With_a_public_base_url_only_its_origin_is_the_apps_own()
    {
        // The test talks plain HTTP, so the cookie must not be Secure for the client to send it back.
        await using var host = await StartAsync(o => o.PublicBaseUrl = "https://chat.example.com/app", c => c.CookieSecure = Microsoft.AspNetCore.Http.CookieSecurePolicy.None);
        using var browser = await host.SignedInBrowserAsync();

        var (own, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", "https://chat.example.com"));
        var (local, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", host.Origin));

        Assert.Equal(200, own);
        Assert.Equal(403, local);
    }

    [Fact]
    public async Task An_allowed_origin_is_served()
    {
        await using var host = await StartAsync(o => o.AllowedOrigins.Add("https://app.example.com"));
        using var browser = await host.SignedInBrowserAsync();

        var (allowed, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", "https://app.example.com"), ("Sec-Fetch-Site", "cross-site"));
        var (other, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(200, allowed);
        Assert.Equal(403, other);
    }

    [Fact]
    public async Task Without_cookies_there_is_nothing_to_borrow_so_the_request_is_served()
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();

        var (status, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", "https://evil.example"));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task The_check_can_be_turned_off()
    {
        await using var host = await StartAsync(o => o.RejectCrossSiteRequests = false);
        using var browser = await host.SignedInBrowserAsync();

        var (status, _) = await PostAsync(browser, ListThreads, "application/json", ("Origin", "https://evil.example"));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_cross_site_form_upload_is_403_and_stores_nothing()
    {
        await using var host = await StartAsync();
        using var browser = await host.SignedInBrowserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "chatkit/upload") { Content = AttachmentHost.Client.Form("hello"u8.ToArray(), "a.txt", "text/plain") };

        var (status, body) = await SendAsync(browser, request, ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(403, status);
        Assert.Equal("cross_site_request", ErrorCode(body));
        using var sameSite = new HttpRequestMessage(HttpMethod.Post, "chatkit/upload") { Content = AttachmentHost.Client.Form("hello"u8.ToArray(), "a.txt", "text/plain") };
        var (ok, uploaded) = await SendAsync(browser, sameSite, ("Origin", host.Origin));
        Assert.Equal(200, ok);
        Assert.StartsWith("atc_", uploaded!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_request_gets_no_anonymous_cookie()
    {
        await using var host = await StartAsync();
        var cookies = new CookieContainer();
        using var browser = host.NewBrowser(cookies);

        var (status, _) = await PostAsync(browser, ListThreads, "text/plain");

        Assert.Equal(415, status);
        Assert.Empty(cookies.GetCookies(host.BaseAddress));
    }
}
