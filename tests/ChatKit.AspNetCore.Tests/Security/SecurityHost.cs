using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.AspNetCore.Security;
using ChatKit.AspNetCore.Tests.Attachments;
using ChatKit.Stores;
using ChatKit.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatKit.AspNetCore.Tests.Security;

/// <summary>
/// The ChatKit endpoint with disk attachments on a loopback Kestrel port, as a browser app sees it: anonymous users
/// with the default context factory (so identity rides on a cookie), security options as configured by the test.
/// </summary>
public sealed class SecurityHost : IAsyncDisposable
{
    private readonly TestWebHost _host;

    private SecurityHost(TestWebHost host) => _host = host;

    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>The origin the browser loads the app from, e.g. http://127.0.0.1:43121.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    public static async Task<SecurityHost> StartAsync(
        Action<ChatKitSecurityOptions>? security = null, Action<ChatKitAnonymousUserOptions>? cookie = null, string? allowedHosts = null)
    {
        var root = TestWebHost.CreateDirectory("chatkit-security-test-");
        var builder = TestWebHost.CreateBuilder(allowedHosts is null ? null : [new("AllowedHosts", allowedHosts)]);
        builder.Services.AddSingleton<IStore<ChatKitRequestContext>>(new InMemoryStore<ChatKitRequestContext>());
        builder.Services.AddChatKitDiskAttachments(o =>
        {
            o.RootDirectory = Path.Combine(root, "attachments");
            o.MaxFileBytes = 64 * 1024;
            o.OrphanSweepInterval = TimeSpan.FromDays(1);
        });
        builder.Services.AddChatKit<SilentServer>(o => o.AllowAnonymousUsers = true);
        if (security is not null)
        {
            builder.Services.Configure(security);
        }

        if (cookie is not null)
        {
            builder.Services.Configure(cookie);
        }

        var app = builder.Build();
        app.MapChatKit("/chatkit");
        return new SecurityHost(await TestWebHost.StartAsync(app, root));
    }

    /// <summary>A browser: its own cookie jar, no default headers.</summary>
    public HttpClient NewBrowser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = BaseAddress };

    /// <summary>A browser that already has its anonymous cookie (from a same-origin request).</summary>
    public async Task<HttpClient> SignedInBrowserAsync()
    {
        var cookies = new CookieContainer();
        var browser = NewBrowser(cookies);
        var (status, _) = await PostAsync(browser, ListThreads);
        Assert.Equal(200, status);
        Assert.NotEmpty(cookies.GetCookies(BaseAddress));
        return browser;
    }

    public const string ListThreads = """{"type":"threads.list","params":{}}""";

    public static string CreateAttachment(string name, long size, string mimeType) =>
        new JsonObject { ["type"] = "attachments.create", ["params"] = new JsonObject { ["name"] = name, ["size"] = size, ["mime_type"] = mimeType } }.ToJsonString();

    /// <summary>POSTs <paramref name="body"/> to the ChatKit endpoint with a content type and extra headers.</summary>
    public static async Task<(int Status, JsonObject? Body)> PostAsync(
        HttpClient browser, string body, string? contentType = "application/json", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "chatkit") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await SendAsync(browser, request, headers);
    }

    public static async Task<(int Status, JsonObject? Body)> SendAsync(HttpClient browser, HttpRequestMessage request, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await browser.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    public static string? ErrorCode(JsonObject? body) => body?["error"]?["code"]?.GetValue<string>();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
