using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatKit.OpenAI.Tests.Sessions;

/// <summary>A local stand-in for OpenAI's ChatKit API on 127.0.0.1: records requests and answers from a script.</summary>
public sealed class FakeChatKitApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<HttpContext, RecordedRequest, Task>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private TestWebHost _host = null!;
    private int _sessions;

    public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);
    }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The base URL to configure, with the <c>/v1</c> path the real API has.</summary>
    public Uri BaseUrl => new(_host.BaseAddress, "v1");

    public static async Task<FakeChatKitApi> StartAsync()
    {
        var app = TestWebHost.CreateSlimBuilder().Build();
        var fake = new FakeChatKitApi();
        app.Run(fake.HandleAsync);
        fake._host = await TestWebHost.StartAsync(app);
        return fake;
    }

    /// <summary>Answers the next request with <paramref name="respond"/>; unscripted requests get a fresh session.</summary>
    public void Enqueue(Func<HttpContext, RecordedRequest, Task> respond) => _script.Enqueue(respond);

    public void EnqueueJson(int status, string json, params (string Name, string Value)[] headers) =>
        Enqueue((context, _) => WriteAsync(context, status, json, headers));

    public static Task WriteAsync(HttpContext context, int status, string body, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-request-id"] = "req_test_" + status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        return context.Response.WriteAsync(body);
    }

    public static string Error(string type, string? code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code } }.ToJsonString();

    public string SessionJson(string user)
    {
        var n = Interlocked.Increment(ref _sessions);
        return $$"""
        {
          "id": "cksess_{{n}}",
          "object": "chatkit.session",
          "client_secret": "ek_secret_value_{{n}}",
          "expires_at": 1900000000,
          "status": "active",
          "user": {{System.Text.Json.JsonSerializer.Serialize(user)}},
          "workflow": { "id": "wf_fake", "version": null, "state_variables": null, "tracing": { "enabled": true } },
          "rate_limits": { "max_requests_per_1_minute": 10 },
          "max_requests_per_1_minute": 10,
          "chatkit_configuration": {
            "automatic_thread_titling": { "enabled": true },
            "file_upload": { "enabled": false, "max_file_size": 512, "max_files": 10 },
            "history": { "enabled": true, "recent_threads": null }
          }
        }
        """;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body);
        _requests.Enqueue(recorded);

        if (_script.TryDequeue(out var respond))
        {
            await respond(context, recorded);
            return;
        }

        var user = recorded.Json?["user"]?.GetValue<string>() ?? "unknown";
        await WriteAsync(context, 200, SessionJson(user));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
