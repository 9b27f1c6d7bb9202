using System.Net;
using System.Text.Json.Nodes;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Demo.Tests;

/// <summary>The demo runs with every limit on: each is answered with its status, code and Retry-After, and the demo keeps serving.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task An_address_over_the_rate_limit_gets_429_with_retry_after_then_is_served_again()
    {
        await using var host = await DemoHost.StartAsync(null, "--ChatKit:RateLimiting:AnonymousPermitLimit", "4", "--ChatKit:RateLimiting:Window", "00:00:02");
        using var client = host.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync(ListThreads())).Status);
        }

        // A fresh cookie jar is a new anonymous user, but the same address: still limited.
        using var fresh = host.CreateClient();
        using (var limited = await fresh.PostRawAsync(ListThreads()))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.NotNull(limited.Headers.RetryAfter?.Delta);
            var error = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;
            Assert.Equal("rate_limited", (string?)error["error"]!["code"]);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var created = await client.StreamAsync(CreateThread("after the window"));
        Assert.Equal("thread.created", (string?)created[0]["type"]);
    }

    [Fact]
    public async Task An_over_long_title_is_refused_naming_the_field_and_changes_nothing()
    {
        await using var host = await DemoHost.StartAsync(null, "--ChatKit:MaxTitleLength", "50");
        using var client = host.CreateClient();
        var created = await client.StreamAsync(CreateThread("hello"));
        var threadId = (string)created[0]["thread"]!["id"]!;
        var (_, before) = await client.PostJsonAsync(GetThread(threadId));

        var (status, error) = await client.PostJsonAsync(Request("threads.update", new JsonObject { ["thread_id"] = threadId, ["title"] = new string('t', 51) }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("limit_exceeded", (string?)error!["error"]!["code"]);
        Assert.Contains("'params.title'", (string?)error["error"]!["message"], StringComparison.Ordinal);

        var (_, after) = await client.PostJsonAsync(GetThread(threadId));
        Assert.True(JsonNode.DeepEquals(before, after), "the refused update changed the thread");
        var (ok, updated) = await client.PostJsonAsync(Request("threads.update", new JsonObject { ["thread_id"] = threadId, ["title"] = "short" }));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("short", (string?)updated!["title"]);
    }

    [Fact]
    public async Task An_over_long_id_is_a_small_400()
    {
        await using var host = await DemoHost.StartAsync();
        using var client = host.CreateClient();
        using var response = await client.PostRawAsync(GetThread("thr_" + new string('x', 1_000_000)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.InRange(text.Length, 1, 1000);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync(ListThreads())).Status);
    }

    [Fact]
    public async Task Attachments_past_the_users_quota_are_refused_with_413()
    {
        await using var host = await DemoHost.StartAsync(null, "--ChatKit:Attachments:MaxBytesPerUser", "1000");
        using var client = host.CreateClient();
        var (status, error) = await client.PostJsonAsync(Request("attachments.create", new JsonObject { ["name"] = "big.txt", ["size"] = 1001, ["mime_type"] = "text/plain" }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("attachment_quota_exceeded", (string?)error!["error"]!["code"]);

        var (ok, attachment) = await client.PostJsonAsync(Request("attachments.create", new JsonObject { ["name"] = "small.txt", ["size"] = 100, ["mime_type"] = "text/plain" }));
        Assert.True(ok == HttpStatusCode.OK, Dump(attachment));
    }
}
