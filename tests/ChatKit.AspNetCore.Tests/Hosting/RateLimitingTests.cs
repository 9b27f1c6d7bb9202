using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatKit.AspNetCore.Tests.Hosting;

/// <summary>The ready-made rate limiter policy: per signed-in user, else per IP; 429 JSON with Retry-After; then served again.</summary>
public sealed class RateLimitingTests
{
    private const string ListThreads = """{"type":"threads.list","params":{}}""";

    private static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("chatkit", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_retry_after_and_is_served_after_the_window()
    {
        await using var host = await LimitsHost.StartAsync(o =>
        {
            o.PermitLimit = 3;
            o.Window = TimeSpan.FromSeconds(2);
        });
        using var alice = host.CreateClient("alice");
        using var bob = host.CreateClient("bob");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(alice, ListThreads)).Status);
        }

        var (status, body, response) = await PostAsync(alice, ListThreads);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("rate_limited", (string?)body!["error"]!["code"]);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);

        // Another user has a budget of their own.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(bob, ListThreads)).Status);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(alice, ListThreads)).Status);
    }

    [Fact]
    public async Task Anonymous_requests_are_counted_by_address_whatever_their_cookies()
    {
        await using var host = await LimitsHost.StartAsync(o =>
        {
            o.AnonymousPermitLimit = 2;
            o.Window = TimeSpan.FromMinutes(1);
        });
        for (var i = 0; i < 2; i++)
        {
            using var fresh = host.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(fresh, ListThreads)).Status);
        }

        using var another = host.CreateClient();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(another, ListThreads)).Status);
        using var signedIn = host.CreateClient("carol");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(signedIn, ListThreads)).Status);
    }

    [Fact]
    public async Task A_turn_past_the_users_cap_is_a_429_with_retry_after_over_http()
    {
        await using var host = await LimitsHost.StartAsync(_ => { }, new Server.ChatKitServerOptions { MaxConcurrentTurnsPerUser = 1, BusyRetryAfter = TimeSpan.FromSeconds(3) });
        using var alice = host.CreateClient("alice");
        const string create = """{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"hi"}],"attachments":[],"inference_options":{}}}}""";
        using var running = await alice.SendAsync(new HttpRequestMessage(HttpMethod.Post, "chatkit") { Content = new StringContent(create, Encoding.UTF8, "application/json") }, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, running.StatusCode);

        var (status, body, response) = await PostAsync(alice, create);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("too_many_turns", (string?)body!["error"]!["code"]);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);

        host.Server.Release();
        var text = await running.Content.ReadAsStringAsync();
        Assert.Contains("thread.item.done", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(alice, ListThreads)).Status);
    }
}
