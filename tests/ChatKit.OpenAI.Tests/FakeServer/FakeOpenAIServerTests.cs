using System.Net;
using System.Text;
using ChatKit.Testing.FakeOpenAI;

namespace ChatKit.OpenAI.Tests.FakeServer;

/// <summary>Behaviour of the fake itself that the adapter tests do not already pin down.</summary>
public sealed class FakeOpenAIServerTests
{
    private static readonly HttpClient Http = new();

    private static Task<HttpResponseMessage> PostAsync(FakeOpenAIServer server, string path, string json) =>
        Http.PostAsync(new Uri(server.BaseUrl + path), new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Listens_on_loopback_with_a_v1_base_url()
    {
        await using var server = await FakeOpenAIServer.StartAsync();

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.NotEqual(0, server.BaseUrl.Port);
        Assert.Equal("/v1", server.BaseUrl.AbsolutePath);
    }

    [Fact]
    public async Task Streams_chat_completion_chunks_in_the_openai_wire_format()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("abcd", chunks: 2));

        using var response = await PostAsync(server, "/chat/completions", """{"model":"m","stream":true,"messages":[]}""");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        Assert.Contains("\"content\":\"ab\"", events[1]);
        Assert.Contains("\"content\":\"cd\"", events[2]);
        Assert.EndsWith("\n\n", body);
    }

    [Fact]
    public async Task Streams_typed_responses_events()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("hi"));

        using var response = await PostAsync(server, "/responses", """{"model":"m","stream":true,"input":"hi"}""");
        var body = await response.Content.ReadAsStringAsync();

        var names = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('\n')[0]).ToList();
        Assert.Equal("event: response.created", names[0]);
        Assert.Contains("event: response.output_text.delta", names);
        Assert.Equal("event: response.completed", names[^1]);
    }

    [Fact]
    public async Task Answers_500_when_nothing_is_scripted_and_uses_the_fallback_when_set()
    {
        await using var server = await FakeOpenAIServer.StartAsync();

        using var unscripted = await PostAsync(server, "/chat/completions", """{"model":"m","messages":[]}""");
        server.FallbackReply = request => FakeReply.WithText($"echo {request.Json["model"]}");
        using var fallback = await PostAsync(server, "/chat/completions", """{"model":"m2","messages":[]}""");

        Assert.Equal(HttpStatusCode.InternalServerError, unscripted.StatusCode);
        Assert.Contains("no_scripted_reply", await unscripted.Content.ReadAsStringAsync());
        Assert.Contains("echo m2", await fallback.Content.ReadAsStringAsync());
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Unknown_paths_get_404_and_are_still_recorded()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("unused"));

        using var response = await PostAsync(server, "/embeddings", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("/v1/embeddings", Assert.Single(server.Requests).Path);
        Assert.Equal(1, server.PendingReplies);
    }

    [Fact]
    public async Task Dispose_does_not_wait_for_a_stalled_stream()
    {
        var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("stalled").AndStall(1, TimeSpan.FromMinutes(5)));
        using var response = await Http.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/chat/completions")
            {
                Content = new StringContent("""{"model":"m","stream":true,"messages":[]}""", Encoding.UTF8, "application/json"),
            },
            HttpCompletionOption.ResponseHeadersRead);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        await server.DisposeAsync();

        // Far below the five-minute stall, with room for a busy machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"dispose took {stopwatch.Elapsed}");
    }
}
