using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatKit.Demo.Tests;

/// <summary>The demo's request checks over real HTTP, configured from the command line like a deployment would.</summary>
public sealed class SecurityTests
{
    private const string ListThreads = """{"type":"threads.list","params":{}}""";

    private static async Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> PostAsync(
        HttpClient http, DemoHost host, string body, string contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Endpoint) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.Add(name, value);
            }
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject, response);
    }

    [Fact]
    public async Task A_cross_site_text_plain_post_is_refused_and_the_user_keeps_chatting()
    {
        await using var host = await DemoHost.StartAsync();
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true });
        var (first, _, _) = await PostAsync(http, host, ListThreads, "application/json");
        Assert.Equal(HttpStatusCode.OK, first);

        // What an HTML form on another site can send with the user's cookie.
        var (plain, plainBody, _) = await PostAsync(http, host, ListThreads, "text/plain");
        var (crossSite, crossBody, _) = await PostAsync(http, host, ListThreads, "application/json", ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain);
        Assert.Equal("unsupported_media_type", plainBody!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, crossSite);
        Assert.Equal("cross_site_request", crossBody!["error"]!["code"]!.GetValue<string>());
        var (again, _, _) = await PostAsync(http, host, ListThreads, "application/json", ("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Fact]
    public async Task Configured_public_url_and_origins_apply()
    {
        await using var host = await DemoHost.StartAsync(null,
            "--ChatKit:Security:PublicBaseUrl", "https://chat.example.com",
            "--ChatKit:Security:AllowedOrigins:0", "https://app.example.com",
            "--ChatKit:AnonymousUsers:CookieName", "demo.uid");
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true });
        var create = new JsonObject { ["type"] = "attachments.create", ["params"] = new JsonObject { ["name"] = "a.txt", ["size"] = 3, ["mime_type"] = "text/plain" } }.ToJsonString();

        var (status, created, response) = await PostAsync(http, host, create, "application/json", ("Host", "evil.example"));
        var (allowed, _, _) = await PostAsync(http, host, ListThreads, "application/json", ("Origin", "https://app.example.com"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("https://chat.example.com/chatkit/upload/atc_", created!["upload_descriptor"]!["url"]!.GetValue<string>());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("demo.uid=", cookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, allowed);
    }
}
