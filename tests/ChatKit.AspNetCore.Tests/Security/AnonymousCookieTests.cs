using System.Net;
using ChatKit.AspNetCore.Security;
using Microsoft.AspNetCore.Http;
using static ChatKit.AspNetCore.Tests.Security.SecurityHost;

namespace ChatKit.AspNetCore.Tests.Security;

/// <summary>The anonymous-user cookie is <c>Secure</c> whenever browsers reach the app over HTTPS.</summary>
public sealed class AnonymousCookieTests
{
    private static async Task<string> SetCookieAsync(SecurityHost host, params (string Name, string Value)[] headers)
    {
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "chatkit") { Content = new StringContent(ListThreads, System.Text.Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Behind_a_tls_terminating_proxy_the_cookie_is_secure()
    {
        await using var host = await StartAsync();

        var cookie = await SetCookieAsync(host, ("X-Forwarded-Proto", "https"));

        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_an_https_public_base_url_the_cookie_is_secure()
    {
        await using var host = await StartAsync(o => o.PublicBaseUrl = "https://chat.example.com");

        var cookie = await SetCookieAsync(host);

        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_it_is_not_secure_so_local_development_keeps_working()
    {
        await using var host = await StartAsync();

        var cookie = await SetCookieAsync(host);

        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(".chatkit.uid=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cookie_is_configurable()
    {
        await using var host = await StartAsync(cookie: o =>
        {
            o.CookieName = "my.uid";
            o.CookieSecure = CookieSecurePolicy.Always;
        });

        var cookie = await SetCookieAsync(host);

        Assert.StartsWith("my.uid=", cookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
