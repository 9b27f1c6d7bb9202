using System.Net;
using System.Text.Json.Nodes;
using ChatKit.OpenAI.Sessions;

namespace ChatKit.OpenAI.Tests.Sessions;

public sealed class ChatKitSessionEndpointTests
{
    private const string Start = HostedEndpointHarness.Path;
    private const string Refresh = HostedEndpointHarness.Path + "/refresh";

    private static JsonObject ParseObject(string body) => Assert.IsType<JsonObject>(JsonNode.Parse(body));

    [Fact]
    public async Task Start_returns_only_the_client_secret_and_its_expiry_uncacheable()
    {
        await using var app = await HostedEndpointHarness.StartAsync();

        var (response, body) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var json = ParseObject(body);
        Assert.Equal(["client_secret", "expires_at"], json.Select(p => p.Key).Order());
        Assert.Equal("ek_secret_value_1", json["client_secret"]!.GetValue<string>());
        Assert.Equal(1900000000, json["expires_at"]!.GetValue<long>());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());

        var upstream = Assert.Single(app.Upstream.Requests);
        Assert.Equal("/v1/chatkit/sessions", upstream.Path);
        Assert.Equal("Bearer " + SecretLeakAssert.ApiKey, upstream.Headers["Authorization"]);
        Assert.Equal("chatkit_beta=v1", upstream.Headers["OpenAI-Beta"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"user":"alice","workflow":{"id":"wf_configured"}}"""), upstream.Json), upstream.Body);
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task The_user_comes_from_the_principal_never_from_the_body_or_query()
    {
        await using var app = await HostedEndpointHarness.StartAsync();

        var (start, _) = await app.PostAsync(Start + "?user=mallory", user: "alice", json: """{"user":"mallory","workflow":{"id":"wf_evil"},"client_secret":"x"}""");
        var (refresh, _) = await app.PostAsync(Refresh + "?user=mallory", user: "alice", json: """{"user":"mallory","currentClientSecret":"ek_stolen"}""");

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.All(app.Upstream.Requests, r =>
        {
            Assert.Equal("alice", r.Json!["user"]!.GetValue<string>());
            Assert.Equal("wf_configured", r.Json["workflow"]!["id"]!.GetValue<string>());
            Assert.DoesNotContain("mallory", r.Body);
            Assert.DoesNotContain("ek_stolen", r.Body);
        });
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task Refresh_mints_a_new_secret_for_the_same_user_without_trusting_the_old_one()
    {
        await using var app = await HostedEndpointHarness.StartAsync();

        var (_, first) = await app.PostAsync(Start, user: "alice");
        var oldSecret = ParseObject(first)["client_secret"]!.GetValue<string>();
        var (response, second) = await app.PostAsync(Refresh, user: "alice", json: $$"""{"currentClientSecret":"{{oldSecret}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refreshed = ParseObject(second);
        Assert.Equal(["client_secret", "expires_at"], refreshed.Select(p => p.Key).Order());
        Assert.NotEqual(oldSecret, refreshed["client_secret"]!.GetValue<string>());
        Assert.Equal(["alice", "alice"], app.Upstream.Requests.Select(r => r.Json!["user"]!.GetValue<string>()));

        // A stolen secret alone does not buy a refresh: without a signed-in user there is no session.
        var (anonymous, _) = await app.PostAsync(Refresh, json: $$"""{"currentClientSecret":"{{oldSecret}}"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(2, app.Upstream.Requests.Count);
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task The_sub_claim_is_used_when_there_is_no_name_identifier()
    {
        await using var app = await HostedEndpointHarness.StartAsync();

        var (response, _) = await app.PostAsync(Start, sub: "oidc-subject-7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("oidc-subject-7", Assert.Single(app.Upstream.Requests).Json!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_custom_resolver_decides_the_user()
    {
        await using var app = await HostedEndpointHarness.StartAsync(o =>
            o.UserIdResolver = context => context.User.Identity?.IsAuthenticated == true ? "tenant-a:" + context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value : null);

        await app.PostAsync(Start, user: "alice");

        Assert.Equal("tenant-a:alice", Assert.Single(app.Upstream.Requests).Json!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_user_the_endpoint_answers_401_and_never_calls_OpenAI()
    {
        await using var app = await HostedEndpointHarness.StartAsync();

        var (response, body) = await app.PostAsync(Start, json: """{"user":"mallory"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", ParseObject(body)["error"]!.GetValue<string>());
        Assert.Empty(app.Upstream.Requests);
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task Anonymous_users_get_a_stable_id_from_a_protected_cookie()
    {
        await using var app = await HostedEndpointHarness.StartAsync(o => o.AllowAnonymousUsers = true);

        var (first, _) = await app.PostAsync(Start, json: """{"user":"mallory"}""");
        var (second, _) = await app.PostAsync(Refresh);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var setCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        var users = app.Upstream.Requests.Select(r => r.Json!["user"]!.GetValue<string>()).ToArray();
        Assert.StartsWith("anon_", users[0]);
        Assert.Equal(users[0], users[1]);

        // Another browser is another anonymous user; a forged cookie is ignored and replaced.
        var forged = new CookieContainer();
        forged.Add(app.Address, new Cookie(".chatkit.uid", "anonymous-forged-value"));
        using var other = app.NewBrowser(forged);
        var (third, _) = await app.PostAsync(Start, browser: other);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var thirdUser = app.Upstream.Requests[2].Json!["user"]!.GetValue<string>();
        Assert.StartsWith("anon_", thirdUser);
        Assert.NotEqual(users[0], thirdUser);
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task A_signed_in_user_wins_over_an_anonymous_cookie()
    {
        await using var app = await HostedEndpointHarness.StartAsync(o => o.AllowAnonymousUsers = true);

        await app.PostAsync(Start);
        await app.PostAsync(Start, user: "alice");

        Assert.Equal("alice", app.Upstream.Requests[1].Json!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_user_is_rate_limited_separately_with_429_and_Retry_After()
    {
        await using var app = await HostedEndpointHarness.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["ChatKit:Hosted:RateLimitPermitLimit"] = "2",
            ["ChatKit:Hosted:RateLimitWindow"] = "00:01:00",
        });

        var (a1, _) = await app.PostAsync(Start, user: "alice");
        var (a2, _) = await app.PostAsync(Refresh, user: "alice");
        var (a3, body) = await app.PostAsync(Start, user: "alice");
        var (b1, _) = await app.PostAsync(Start, user: "bob");

        Assert.Equal(HttpStatusCode.OK, a1.StatusCode);
        Assert.Equal(HttpStatusCode.OK, a2.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, a3.StatusCode);
        var retryAfter = a3.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal("rate_limited", ParseObject(body)["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, b1.StatusCode);
        Assert.Equal(["alice", "alice", "bob"], app.Upstream.Requests.Select(r => r.Json!["user"]!.GetValue<string>()));
        app.AssertNothingLeaked();
    }

    [Theory]
    [InlineData(400, "invalid_request_error", "invalid_value")]
    [InlineData(401, "invalid_request_error", "invalid_api_key")]
    [InlineData(403, "permission_error", null)]
    [InlineData(404, "invalid_request_error", "not_found")]
    public async Task Upstream_client_errors_become_a_generic_502(int status, string type, string? code)
    {
        await using var app = await HostedEndpointHarness.StartAsync();
        app.Upstream.EnqueueJson(status, FakeChatKitApi.Error(type, code, $"UPSTREAM-DETAIL: Incorrect API key provided: {SecretLeakAssert.ApiKey}; workflow wf_configured"));

        var (response, body) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"error":"upstream_error","message":"The chat service is unavailable."}"""), JsonNode.Parse(body)), body);
        Assert.Single(app.Upstream.Requests);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"{status}", StringComparison.Ordinal) && l.Contains("req_test_", StringComparison.Ordinal));
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task Upstream_rate_limit_becomes_503_with_Retry_After()
    {
        await using var app = await HostedEndpointHarness.StartAsync(configuration: new Dictionary<string, string?> { ["ChatKit:Hosted:MaxRetryAfter"] = "00:00:05" });
        app.Upstream.EnqueueJson(429, FakeChatKitApi.Error("requests", "rate_limit_exceeded", "UPSTREAM-DETAIL"), ("Retry-After", "42"));

        var (response, body) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), response.Headers.RetryAfter!.Delta);
        Assert.Equal("busy", ParseObject(body)["error"]!.GetValue<string>());
        Assert.Single(app.Upstream.Requests);
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task Upstream_rate_limit_that_clears_is_retried_transparently()
    {
        await using var app = await HostedEndpointHarness.StartAsync();
        app.Upstream.EnqueueJson(429, "{}", ("retry-after-ms", "20"));

        var (response, _) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, app.Upstream.Requests.Count);
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task Upstream_rate_limit_without_Retry_After_uses_the_configured_hint()
    {
        await using var app = await HostedEndpointHarness.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["ChatKit:Hosted:MaxRetries"] = "0",
            ["ChatKit:Hosted:UpstreamBusyRetryAfter"] = "00:00:15",
        });
        app.Upstream.EnqueueJson(429, "{}");

        var (response, _) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(15), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Upstream_server_errors_are_retried_then_become_502()
    {
        await using var app = await HostedEndpointHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            app.Upstream.EnqueueJson(500, FakeChatKitApi.Error("server_error", null, "UPSTREAM-DETAIL"));
        }

        var (response, body) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", ParseObject(body)["error"]!.GetValue<string>());
        Assert.Equal(3, app.Upstream.Requests.Count);
        app.AssertNothingLeaked();
    }

    [Theory]
    [InlineData("{ definitely not json")]
    [InlineData("""{"id":"cksess_x","client_secret":"","expires_at":1}""")]
    public async Task Unusable_upstream_answers_become_502(string body)
    {
        await using var app = await HostedEndpointHarness.StartAsync();
        app.Upstream.EnqueueJson(200, body);

        var (response, answer) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", ParseObject(answer)["error"]!.GetValue<string>());
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task Unreachable_upstream_becomes_502()
    {
        await using var app = await HostedEndpointHarness.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["ChatKit:Hosted:BaseUrl"] = "http://127.0.0.1:1/v1",
            ["ChatKit:Hosted:MaxRetries"] = "1",
        });

        var (response, _) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task Missing_workflow_id_is_a_server_configuration_error()
    {
        await using var app = await HostedEndpointHarness.StartAsync(configuration: new Dictionary<string, string?> { ["ChatKit:Hosted:WorkflowId"] = "" });

        var (response, body) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("not_configured", ParseObject(body)["error"]!.GetValue<string>());
        Assert.Empty(app.Upstream.Requests);
        Assert.Contains(app.Logs.Lines, l => l.Contains("ChatKit:Hosted:WorkflowId", StringComparison.Ordinal));
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task Missing_api_key_is_a_generic_server_error()
    {
        await using var app = await HostedEndpointHarness.StartAsync(configuration: new Dictionary<string, string?> { ["ChatKit:Hosted:ApiKey"] = "" });

        var (response, body) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("internal_error", ParseObject(body)["error"]!.GetValue<string>());
        Assert.Empty(app.Upstream.Requests);
        Assert.Contains(app.Logs.Lines, l => l.Contains("OPENAI_API_KEY", StringComparison.Ordinal));
        app.AssertNothingLeaked();
    }

    [Fact]
    public async Task Configured_session_settings_and_the_hook_shape_the_upstream_request()
    {
        await using var app = await HostedEndpointHarness.StartAsync(
            o => o.ConfigureSession = (context, request, _) =>
            {
                request.Workflow.StateVariables!["tenant"] = "acme";
                request.User = "mallory"; // ignored: the endpoint enforces the resolved user
                return ValueTask.CompletedTask;
            },
            new Dictionary<string, string?>
            {
                ["ChatKit:Hosted:WorkflowVersion"] = "7",
                ["ChatKit:Hosted:TracingEnabled"] = "false",
                ["ChatKit:Hosted:ExpiresAfterSeconds"] = "1200",
                ["ChatKit:Hosted:MaxRequestsPerMinute"] = "30",
                ["ChatKit:Hosted:AutomaticThreadTitling"] = "true",
                ["ChatKit:Hosted:FileUploadEnabled"] = "true",
                ["ChatKit:Hosted:MaxFileSizeMegabytes"] = "8",
                ["ChatKit:Hosted:MaxFiles"] = "2",
                ["ChatKit:Hosted:HistoryEnabled"] = "true",
                ["ChatKit:Hosted:HistoryRecentThreads"] = "10",
                ["ChatKit:Hosted:WorkflowStateVariables:plan"] = "pro",
            });

        var (response, _) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = JsonNode.Parse("""
        {
          "user": "alice",
          "workflow": { "id": "wf_configured", "version": "7", "state_variables": { "plan": "pro", "tenant": "acme" }, "tracing": { "enabled": false } },
          "chatkit_configuration": {
            "automatic_thread_titling": { "enabled": true },
            "file_upload": { "enabled": true, "max_file_size": 8, "max_files": 2 },
            "history": { "enabled": true, "recent_threads": 10 }
          },
          "expires_after": { "anchor": "created_at", "seconds": 1200 },
          "rate_limits": { "max_requests_per_1_minute": 30 }
        }
        """);
        var sent = Assert.Single(app.Upstream.Requests);
        Assert.True(JsonNode.DeepEquals(expected, sent.Json), sent.Body);
    }

    [Fact]
    public async Task Without_the_rate_limiter_middleware_the_endpoint_fails_closed()
    {
        await using var app = await HostedEndpointHarness.StartAsync(useRateLimiter: false);

        var (response, body) = await app.PostAsync(Start, user: "alice");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("not_configured", ParseObject(body)["error"]!.GetValue<string>());
        Assert.Empty(app.Upstream.Requests);
        Assert.Contains(app.Logs.Lines, l => l.Contains("UseRateLimiter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_POST_is_mapped()
    {
        await using var app = await HostedEndpointHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, Start);
        request.Headers.Add("X-Test-User", "alice");

        using var response = await app.Browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Empty(app.Upstream.Requests);
    }

    [Fact]
    public async Task The_key_never_reaches_the_browser_or_the_log_across_every_path()
    {
        await using var app = await HostedEndpointHarness.StartAsync(
            o => o.AllowAnonymousUsers = true,
            new Dictionary<string, string?> { ["ChatKit:Hosted:RateLimitPermitLimit"] = "100" });
        var echo = $"UPSTREAM-DETAIL key={SecretLeakAssert.ApiKey}";
        app.Upstream.EnqueueJson(401, FakeChatKitApi.Error("invalid_request_error", "invalid_api_key", echo));
        app.Upstream.EnqueueJson(400, FakeChatKitApi.Error("invalid_request_error", null, echo));
        app.Upstream.EnqueueJson(404, FakeChatKitApi.Error("invalid_request_error", null, echo));
        app.Upstream.EnqueueJson(429, FakeChatKitApi.Error("requests", null, echo), ("Retry-After", "1"));
        for (var i = 0; i < 3; i++)
        {
            app.Upstream.EnqueueJson(500, FakeChatKitApi.Error("server_error", null, echo));
        }

        app.Upstream.EnqueueJson(200, "{ " + echo);
        app.Upstream.Enqueue((context, _) => FakeChatKitApi.WriteAsync(context, 200, "{}", ("X-Echo", SecretLeakAssert.ApiKey)));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            statuses.Add((await app.PostAsync(i % 2 == 0 ? Start : Refresh, user: i < 8 ? "alice" : null)).Response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.BadGateway, statuses);
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.All(app.Upstream.Requests, r => Assert.Equal("Bearer " + SecretLeakAssert.ApiKey, r.Headers["Authorization"]));
        app.AssertNothingLeaked();
    }

    [Theory]
    [InlineData("https://evil.example", null, HttpStatusCode.Forbidden)]
    [InlineData(null, "cross-site", HttpStatusCode.Forbidden)]
    [InlineData(null, "same-origin", HttpStatusCode.OK)]
    [InlineData(null, null, HttpStatusCode.OK)]
    public async Task A_cookie_carrying_request_from_another_site_mints_nothing(string? origin, string? fetchSite, HttpStatusCode expected)
    {
        await using var app = await HostedEndpointHarness.StartAsync();
        using var browser = new HttpClient { BaseAddress = app.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, Start);
        request.Headers.Add("X-Test-User", "alice");
        request.Headers.Add("Cookie", "session=abc");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await browser.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("cross_site_request", ParseObject(body)["error"]!.GetValue<string>());
            Assert.Empty(app.Upstream.Requests);
        }
        else
        {
            Assert.Single(app.Upstream.Requests);
        }

        // The endpoint keeps serving after a refusal.
        var (again, _) = await app.PostAsync(Start, user: "alice");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
