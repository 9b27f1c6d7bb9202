using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChatKit.OpenAI.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatKit.OpenAI.Tests.Sessions;

public sealed class ChatKitSessionsClientTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly RecordingTimeProvider _time = new();
    private readonly List<string> _exceptionTexts = [];
    private FakeChatKitApi _api = null!;
    private ILoggerFactory _loggerFactory = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeChatKitApi.StartAsync();
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
    }

    public async Task DisposeAsync()
    {
        // Whatever the test did, neither the key nor a client secret may reach a log line or an exception message.
        SecretLeakAssert.NotIn(_logs.Lines, "a log line");
        SecretLeakAssert.NoClientSecretIn(_logs.Lines, "a log line");
        SecretLeakAssert.NotIn(_exceptionTexts, "an exception");
        _loggerFactory.Dispose();
        await _api.DisposeAsync();
    }

    private ChatKitSessionsClient CreateClient(Action<ChatKitSessionsOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var options = new ChatKitSessionsOptions
        {
            ApiKey = SecretLeakAssert.ApiKey,
            BaseUrl = _api.BaseUrl,
            MaxRetries = 2,
            InitialRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            EnvironmentVariables = _ => null, // never the machine's OPENAI_* variables
        };
        configure?.Invoke(options);
        return new ChatKitSessionsClient(new HttpClient(), Options.Create(options), _loggerFactory.CreateLogger<ChatKitSessionsClient>(), timeProvider ?? _time);
    }

    private async Task<TException> ThrowsAsync<TException>(Func<Task> action) where TException : Exception
    {
        var exception = await Assert.ThrowsAsync<TException>(action);
        _exceptionTexts.Add(exception.ToString());
        return exception;
    }

    private static ChatKitSessionCreateRequest MinimalRequest() => new() { User = "user_1", Workflow = new ChatKitSessionWorkflow { Id = "wf_123" } };

    [Fact]
    public async Task CreateSession_sends_the_exact_body_and_headers_the_API_expects()
    {
        var client = CreateClient(o => { o.Organization = "org_1"; o.Project = "proj_1"; });
        var request = new ChatKitSessionCreateRequest
        {
            User = "user_42",
            Workflow = new ChatKitSessionWorkflow
            {
                Id = "wf_abc",
                Version = "3",
                StateVariables = new Dictionary<string, object> { ["plan"] = "pro", ["beta"] = true, ["seats"] = 5, ["ratio"] = 0.5 },
                Tracing = new ChatKitWorkflowTracing { Enabled = false },
            },
            ExpiresAfter = new ChatKitSessionExpiresAfter { Seconds = 900 },
            RateLimits = new ChatKitSessionRateLimits { MaxRequestsPer1Minute = 20 },
            ChatKitConfiguration = new ChatKitSessionConfiguration
            {
                AutomaticThreadTitling = new ChatKitAutomaticThreadTitling { Enabled = false },
                FileUpload = new ChatKitFileUploadConfiguration { Enabled = true, MaxFileSize = 16, MaxFiles = 3 },
                History = new ChatKitHistoryConfiguration { Enabled = true, RecentThreads = 5 },
            },
        };

        var session = await client.CreateSessionAsync(request);

        var sent = Assert.Single(_api.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/chatkit/sessions", sent.Path);
        Assert.Equal("Bearer " + SecretLeakAssert.ApiKey, sent.Headers["Authorization"]);
        Assert.Equal("chatkit_beta=v1", sent.Headers["OpenAI-Beta"]);
        Assert.Equal("org_1", sent.Headers["OpenAI-Organization"]);
        Assert.Equal("proj_1", sent.Headers["OpenAI-Project"]);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"]);
        var expected = JsonNode.Parse("""
        {
          "user": "user_42",
          "workflow": {
            "id": "wf_abc",
            "version": "3",
            "state_variables": { "plan": "pro", "beta": true, "seats": 5, "ratio": 0.5 },
            "tracing": { "enabled": false }
          },
          "chatkit_configuration": {
            "automatic_thread_titling": { "enabled": false },
            "file_upload": { "enabled": true, "max_file_size": 16, "max_files": 3 },
            "history": { "enabled": true, "recent_threads": 5 }
          },
          "expires_after": { "anchor": "created_at", "seconds": 900 },
          "rate_limits": { "max_requests_per_1_minute": 20 }
        }
        """);
        Assert.True(JsonNode.DeepEquals(expected, sent.Json), sent.Body);

        Assert.Equal("cksess_1", session.Id);
        Assert.Equal("chatkit.session", session.Object);
        Assert.Equal("ek_secret_value_1", session.ClientSecret);
        Assert.Equal(1900000000, session.ExpiresAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), session.ExpiresAtTime);
        Assert.Equal(ChatKitSessionStatus.Active, session.Status);
        Assert.Equal("user_42", session.User);
        Assert.Equal("wf_fake", session.Workflow!.Id);
        Assert.True(session.Workflow.Tracing!.Enabled);
        Assert.Equal(10, session.RateLimits!.MaxRequestsPer1Minute);
        Assert.Equal(10, session.MaxRequestsPer1Minute);
        Assert.Equal(512, session.ChatKitConfiguration!.FileUpload!.MaxFileSize);
        Assert.Null(session.ChatKitConfiguration.History!.RecentThreads);
    }

    [Fact]
    public async Task CreateSession_omits_every_unset_optional_member()
    {
        await CreateClient().CreateSessionAsync(MinimalRequest());

        var sent = Assert.Single(_api.Requests);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"user":"user_1","workflow":{"id":"wf_123"}}"""), sent.Json), sent.Body);
    }

    [Fact]
    public async Task Base_url_without_trailing_slash_keeps_its_path()
    {
        await CreateClient(o => o.BaseUrl = new Uri(_api.BaseUrl.AbsoluteUri.TrimEnd('/'))).CreateSessionAsync(MinimalRequest());

        Assert.Equal("/v1/chatkit/sessions", Assert.Single(_api.Requests).Path);
    }

    [Fact]
    public async Task CancelSession_posts_to_the_cancel_path_with_the_id_escaped()
    {
        _api.EnqueueJson(200, _api.SessionJson("user_1").Replace("\"active\"", "\"cancelled\"", StringComparison.Ordinal));

        var session = await CreateClient().CancelSessionAsync("cksess_a/b");

        var sent = Assert.Single(_api.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/chatkit/sessions/cksess_a%2Fb/cancel", sent.Path);
        Assert.Equal("chatkit_beta=v1", sent.Headers["OpenAI-Beta"]);
        Assert.Equal(ChatKitSessionStatus.Cancelled, session.Status);
    }

    [Fact]
    public async Task ListThreads_sends_pagination_and_user_filter_as_query()
    {
        _api.EnqueueJson(200, """
        {
          "object": "list",
          "data": [
            { "id": "cthr_1", "object": "chatkit.thread", "created_at": 1700000000, "title": null, "user": "user 1", "status": { "type": "active" } },
            { "id": "cthr_2", "object": "chatkit.thread", "created_at": 1700000001, "title": "Trip", "user": "user 1", "status": { "type": "locked", "reason": "moderation" } }
          ],
          "first_id": "cthr_1",
          "last_id": "cthr_2",
          "has_more": true
        }
        """);

        var page = await CreateClient().ListThreadsAsync(new ChatKitThreadListOptions { After = "cthr_0", Before = "cthr_9", Limit = 2, Order = "asc", User = "user 1" });

        var sent = Assert.Single(_api.Requests);
        Assert.Equal("GET", sent.Method);
        Assert.Equal("/v1/chatkit/threads", sent.Path);
        Assert.Equal("?after=cthr_0&before=cthr_9&limit=2&order=asc&user=user%201", sent.Query);
        Assert.Equal("chatkit_beta=v1", sent.Headers["OpenAI-Beta"]);
        Assert.Equal("", sent.Body);
        Assert.Equal(2, page.Data.Count);
        Assert.True(page.HasMore);
        Assert.Equal("cthr_2", page.LastId);
        Assert.Null(page.Data[0].Title);
        Assert.Equal("locked", page.Data[1].Status!.Type);
        Assert.Equal("moderation", page.Data[1].Status!.Reason);
    }

    [Fact]
    public async Task GetThread_and_DeleteThread_use_the_thread_path()
    {
        _api.EnqueueJson(200, """{ "id": "cthr_1", "object": "chatkit.thread", "created_at": 1700000000, "title": "Hello", "user": "u", "status": { "type": "closed", "reason": null } }""");
        _api.EnqueueJson(200, """{ "id": "cthr_1", "object": "chatkit.thread.deleted", "deleted": true }""");
        var client = CreateClient();

        var thread = await client.GetThreadAsync("cthr_1");
        var deletion = await client.DeleteThreadAsync("cthr_1");

        Assert.Equal(["GET /v1/chatkit/threads/cthr_1", "DELETE /v1/chatkit/threads/cthr_1"], _api.Requests.Select(r => r.Method + " " + r.Path));
        Assert.All(_api.Requests, r => Assert.Equal("chatkit_beta=v1", r.Headers["OpenAI-Beta"]));
        Assert.Equal("Hello", thread.Title);
        Assert.Equal("closed", thread.Status!.Type);
        Assert.True(deletion.Deleted);
        Assert.Equal("chatkit.thread.deleted", deletion.Object);
    }

    [Fact]
    public async Task ListThreadItems_keeps_kind_specific_members()
    {
        _api.EnqueueJson(200, """
        {
          "object": "list",
          "data": [
            { "id": "cti_1", "object": "chatkit.thread_item", "type": "chatkit.user_message", "thread_id": "cthr_1", "created_at": 1,
              "content": [ { "type": "input_text", "text": "hi" } ], "attachments": [], "inference_options": null },
            { "id": "cti_2", "object": "chatkit.thread_item", "type": "chatkit.assistant_message", "thread_id": "cthr_1", "created_at": 2,
              "content": [ { "type": "output_text", "text": "hello", "annotations": [] } ] }
          ],
          "first_id": "cti_1", "last_id": "cti_2", "has_more": false
        }
        """);

        var page = await CreateClient().ListThreadItemsAsync("cthr_1", new ChatKitListOptions { Limit = 50, Order = "desc" });

        var sent = Assert.Single(_api.Requests);
        Assert.Equal("/v1/chatkit/threads/cthr_1/items", sent.Path);
        Assert.Equal("?limit=50&order=desc", sent.Query);
        Assert.Equal("chatkit.user_message", page.Data[0].Type);
        Assert.Equal("hi", page.Data[0].AdditionalProperties!["content"][0].GetProperty("text").GetString());
        Assert.Equal("chatkit.assistant_message", page.Data[1].Type);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task ListAllThreads_follows_the_cursor_until_the_last_page()
    {
        _api.EnqueueJson(200, """{ "object": "list", "data": [ { "id": "cthr_1", "object": "chatkit.thread", "created_at": 1, "user": "u", "status": { "type": "active" } } ], "first_id": "cthr_1", "last_id": "cthr_1", "has_more": true }""");
        _api.EnqueueJson(200, """{ "object": "list", "data": [ { "id": "cthr_2", "object": "chatkit.thread", "created_at": 2, "user": "u", "status": { "type": "active" } } ], "first_id": "cthr_2", "last_id": "cthr_2", "has_more": false }""");

        var ids = new List<string>();
        await foreach (var thread in CreateClient().ListAllThreadsAsync(new ChatKitThreadListOptions { Limit = 1, User = "u" }))
        {
            ids.Add(thread.Id);
        }

        Assert.Equal(["cthr_1", "cthr_2"], ids);
        Assert.Equal(["?limit=1&user=u", "?after=cthr_1&limit=1&user=u"], _api.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task ListAllThreadItems_stops_when_the_cursor_does_not_advance()
    {
        const string page = """{ "object": "list", "data": [ { "id": "cti_1", "object": "chatkit.thread_item", "type": "chatkit.widget", "thread_id": "cthr_1", "created_at": 1, "widget": "{}" } ], "first_id": "cti_1", "last_id": "cti_1", "has_more": true }""";
        _api.EnqueueJson(200, page);
        _api.EnqueueJson(200, page);

        var count = 0;
        await foreach (var _ in CreateClient().ListAllThreadItemsAsync("cthr_1"))
        {
            count++;
        }

        Assert.Equal(2, count);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Theory]
    [InlineData(400, "invalid_request_error", "invalid_value", "Invalid workflow id.")]
    [InlineData(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.")]
    [InlineData(403, "permission_error", null, "Project does not have access.")]
    [InlineData(404, "invalid_request_error", null, "Workflow not found.")]
    public async Task Client_errors_throw_typed_exceptions_without_retrying(int status, string type, string? code, string message)
    {
        _api.EnqueueJson(status, FakeChatKitApi.Error(type, code, message));

        var ex = await ThrowsAsync<ChatKitApiException>(() => CreateClient().CreateSessionAsync(MinimalRequest()));

        Assert.Single(_api.Requests);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(type, ex.ErrorType);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(message, ex.ErrorMessage);
        Assert.Equal("req_test_" + status, ex.RequestId);
        Assert.Contains(message, ex.Message);
        Assert.False(ex.IsRateLimited);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task Upstream_error_messages_that_echo_the_key_are_redacted()
    {
        _api.EnqueueJson(401, FakeChatKitApi.Error("invalid_request_error", "invalid_api_key", $"Incorrect API key provided: {SecretLeakAssert.ApiKey}. You can find your API key at https://platform.openai.com."));

        var ex = await ThrowsAsync<ChatKitApiException>(() => CreateClient().CreateSessionAsync(MinimalRequest()));

        Assert.DoesNotContain(SecretLeakAssert.ApiKeyFragment, ex.Message);
        Assert.DoesNotContain(SecretLeakAssert.ApiKeyFragment, ex.ErrorMessage);
        Assert.Contains("[redacted]", ex.ErrorMessage);
    }

    [Fact]
    public async Task Rate_limited_request_waits_for_Retry_After_seconds_then_succeeds()
    {
        _api.EnqueueJson(429, FakeChatKitApi.Error("requests", "rate_limit_exceeded", "Slow down."), ("Retry-After", "3"));

        var session = await CreateClient().CreateSessionAsync(MinimalRequest());

        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], _time.Delays);
        Assert.Equal("ek_secret_value_1", session.ClientSecret);
    }

    [Fact]
    public async Task Retry_after_ms_takes_precedence_over_Retry_After()
    {
        _api.EnqueueJson(429, FakeChatKitApi.Error("requests", null, "Slow down."), ("retry-after-ms", "1500"), ("Retry-After", "9"));

        await CreateClient().CreateSessionAsync(MinimalRequest());

        Assert.Equal([TimeSpan.FromMilliseconds(1500)], _time.Delays);
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_honoured()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(5);
        _api.EnqueueJson(503, "{}", ("Retry-After", at.ToString("r", CultureInfo.InvariantCulture)));

        await CreateClient().CreateSessionAsync(MinimalRequest());

        var delay = Assert.Single(_time.Delays);
        Assert.InRange(delay, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Retry_After_beyond_the_cap_is_not_waited_for_and_is_reported()
    {
        _api.EnqueueJson(429, FakeChatKitApi.Error("insufficient_quota", "insufficient_quota", "Quota exceeded."), ("Retry-After", "3600"));

        var ex = await ThrowsAsync<ChatKitApiException>(() => CreateClient().CreateSessionAsync(MinimalRequest()));

        Assert.Single(_api.Requests);
        Assert.True(ex.IsRateLimited);
        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_exponential_backoff_then_surface()
    {
        for (var i = 0; i < 3; i++)
        {
            _api.EnqueueJson(500, FakeChatKitApi.Error("server_error", null, "Boom."));
        }

        var ex = await ThrowsAsync<ChatKitApiException>(() => CreateClient().CreateSessionAsync(MinimalRequest()));

        Assert.Equal(3, _api.Requests.Count);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.True(ex.IsServerError);
        Assert.Equal("server_error", ex.ErrorType);
        Assert.Equal(2, _time.Delays.Count);
        Assert.InRange(_time.Delays[0], TimeSpan.FromMilliseconds(75), TimeSpan.FromMilliseconds(100));
        Assert.InRange(_time.Delays[1], TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Server_error_then_success_returns_the_session()
    {
        _api.EnqueueJson(502, "<html>bad gateway</html>");

        var session = await CreateClient().CreateSessionAsync(MinimalRequest());

        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal("cksess_1", session.Id);
    }

    [Fact]
    public async Task Backoff_never_exceeds_the_maximum_delay()
    {
        for (var i = 0; i < 6; i++)
        {
            _api.EnqueueJson(500, "{}");
        }

        await ThrowsAsync<ChatKitApiException>(() => CreateClient(o => { o.MaxRetries = 5; o.MaxRetryDelay = TimeSpan.FromMilliseconds(300); }).CreateSessionAsync(MinimalRequest()));

        Assert.Equal(6, _api.Requests.Count);
        Assert.All(_time.Delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(75), TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Should_retry_false_header_stops_retries()
    {
        _api.EnqueueJson(500, "{}", ("x-should-retry", "false"));

        await ThrowsAsync<ChatKitApiException>(() => CreateClient().CreateSessionAsync(MinimalRequest()));

        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    public async Task Malformed_success_body_throws_invalid_response(string body)
    {
        _api.EnqueueJson(200, body);

        var ex = await ThrowsAsync<ChatKitInvalidResponseException>(() => CreateClient().CreateSessionAsync(MinimalRequest()));

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal("req_test_200", ex.RequestId);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Malformed_error_body_still_throws_api_exception()
    {
        _api.EnqueueJson(400, "<<garbage>>");

        var ex = await ThrowsAsync<ChatKitApiException>(() => CreateClient().CreateSessionAsync(MinimalRequest()));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Null(ex.ErrorType);
        Assert.Null(ex.ErrorMessage);
    }

    [Fact]
    public async Task Cancellation_during_backoff_stops_promptly()
    {
        _api.EnqueueJson(429, "{}", ("Retry-After", "600"));
        var client = CreateClient(o => o.MaxRetryAfter = TimeSpan.FromMinutes(15), timeProvider: TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        await ThrowsAsync<TaskCanceledException>(() => client.CreateSessionAsync(MinimalRequest(), cts.Token));

        // Far below the ten-minute wait the server asked for, with room for a busy machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Connection_failures_are_retried_then_surface()
    {
        var deadPort = new Uri(_api.BaseUrl.AbsoluteUri);
        await _api.DisposeAsync();
        _api = await FakeChatKitApi.StartAsync();
        var client = CreateClient(o => o.BaseUrl = deadPort);

        await ThrowsAsync<HttpRequestException>(() => client.CreateSessionAsync(MinimalRequest()));

        Assert.Equal(2, _time.Delays.Count);
    }

    [Fact]
    public async Task Missing_key_fails_before_any_request()
    {
        var client = CreateClient(o => { o.ApiKey = null; o.EnvironmentVariables = _ => null; });

        var ex = await ThrowsAsync<InvalidOperationException>(() => client.CreateSessionAsync(MinimalRequest()));

        Assert.Contains("OPENAI_API_KEY", ex.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Without_a_configured_key_the_OPENAI_API_KEY_variable_is_used()
    {
        var asked = new List<string>();
        var client = CreateClient(o =>
        {
            o.ApiKey = null;
            o.EnvironmentVariables = name =>
            {
                asked.Add(name);
                return name == "OPENAI_API_KEY" ? " sk-from-the-variable " : null;
            };
        });

        await client.CreateSessionAsync(MinimalRequest());

        Assert.Equal("Bearer sk-from-the-variable", Assert.Single(_api.Requests).Headers["Authorization"]);
        Assert.Equal(["OPENAI_API_KEY"], asked); // the base URL is configured, so only the key was looked up
    }

    [Fact]
    public async Task Without_a_configured_base_url_the_OPENAI_BASE_URL_variable_is_used()
    {
        var client = CreateClient(o =>
        {
            o.BaseUrl = null;
            o.EnvironmentVariables = name => name == "OPENAI_BASE_URL" ? _api.BaseUrl.AbsoluteUri : null;
        });

        await client.CreateSessionAsync(MinimalRequest());

        Assert.Equal("/v1/chatkit/sessions", Assert.Single(_api.Requests).Path);
    }
}
