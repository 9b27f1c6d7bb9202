using System.Net;
using System.Text;

namespace ChatKit.OpenAI.Tests.Sessions;

/// <summary>One browser is one anonymous user on the ChatKit endpoint and the hosted-session endpoint.</summary>
public sealed class SharedAnonymousIdentityTests
{
    private const string CreateThread = """{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"hi"}],"attachments":[],"inference_options":{}}}}""";

    private static async Task<HttpStatusCode> PostChatKitAsync(HostedEndpointHarness app, HttpClient browser)
    {
        using var response = await browser.PostAsync("chatkit", new StringContent(CreateThread, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsStringAsync();
        return response.StatusCode;
    }

    [Fact]
    public async Task A_browser_that_starts_on_the_chatkit_endpoint_is_the_same_user_for_hosted_sessions()
    {
        await using var app = await HostedEndpointHarness.StartAsync(o => o.AllowAnonymousUsers = true, mapChatKit: true);

        Assert.Equal(HttpStatusCode.OK, await PostChatKitAsync(app, app.Browser));
        var (session, _) = await app.PostAsync(HostedEndpointHarness.Path);

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.False(session.Headers.Contains("Set-Cookie"), "the session endpoint issued a second identity");
        var chatKitUser = Assert.Single(app.ChatKitUsers);
        Assert.Equal(chatKitUser, app.Upstream.Requests.Single().Json!["user"]!.GetValue<string>());
        Assert.Single(app.Cookies.GetCookies(app.Address));
    }

    [Fact]
    public async Task A_browser_that_starts_on_the_session_endpoint_is_the_same_user_for_chatkit()
    {
        await using var app = await HostedEndpointHarness.StartAsync(o => o.AllowAnonymousUsers = true, mapChatKit: true);

        var (session, _) = await app.PostAsync(HostedEndpointHarness.Path);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PostChatKitAsync(app, app.Browser));

        Assert.Equal(app.Upstream.Requests.Single().Json!["user"]!.GetValue<string>(), Assert.Single(app.ChatKitUsers));
        Assert.Single(app.Cookies.GetCookies(app.Address));

        // Another browser is another user on both.
        using var other = app.NewBrowser(new CookieContainer());
        Assert.Equal(HttpStatusCode.OK, await PostChatKitAsync(app, other));
        Assert.NotEqual(app.ChatKitUsers[0], app.ChatKitUsers[1]);
    }
}
