using System.Net;
using System.Text.Json.Nodes;
using ChatKit.Testing.FakeOpenAI;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Demo.Tests;

/// <summary>
/// What a ChatKit turn needs from the official OpenAI adapter, end to end (real SDK, real SSE, the demo's model
/// mode): reasoning, citations, generated images, truncation, and the failures the adapter alone would let through.
/// </summary>
public sealed class ModelAdapterEndToEndTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7];

    private FakeOpenAIServer _openAI = null!;

    public async Task InitializeAsync() => _openAI = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _openAI.DisposeAsync();

    [Fact]
    public async Task A_responses_turn_keeps_reasoning_citations_the_generated_image_and_the_truncation_notice()
    {
        _openAI.Enqueue(
            FakeReply.WithText("Cats purr. Here is one", chunks: 3)
                .AndReasoning("The user wants a cat.", chunks: 2)
                .AndCitation("https://example.com/purr", "Purring", 0, 10)
                .AndGeneratedImage(Png)
                .AndFinishReason("length"),
            FakeReply.WithText("Cats", chunks: 1));
        await using var host = await StartDemoAsync("responses");
        using var client = host.CreateClient();

        var events = await client.StreamAsync(CreateThread("Tell me about cats"));

        var workflow = LastDone(events, "workflow");
        Assert.Equal("The user wants a cat.", (string?)workflow["workflow"]!["tasks"]![0]!["content"]);
        var message = LastDone(events, "assistant_message")["content"]![0]!;
        Assert.Equal("Cats purr. Here is one", (string?)message["text"]);
        var source = Assert.Single(message["annotations"]!.AsArray())!["source"]!;
        Assert.Equal("https://example.com/purr", (string?)source["url"]);
        Assert.Equal("Purring", (string?)source["title"]);
        var image = LastDone(events, "generated_image");
        // Stored as an attachment and shown by its preview URL: the thread never holds the bytes.
        var url = (string)image["image"]!["url"]!;
        Assert.Matches("/attachments/atc_[0-9a-f]+/preview$", url);
        using var preview = new HttpClient(new HttpClientHandler { CookieContainer = client.Cookies });
        Assert.Equal(Png, await preview.GetByteArrayAsync(url));
        Assert.Contains(events, e => (string?)e["type"] == "notice" && (string?)e["level"] == "warning");
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task An_in_band_model_error_becomes_an_error_event_and_the_turn_can_be_retried(string api)
    {
        _openAI.Enqueue(
            FakeReply.WithText("Half an ans", chunks: 2).AndStreamError("server_error", "The model crashed."),
            FakeReply.WithText("Whole answer.", chunks: 2),
            FakeReply.WithText("Title", chunks: 1));
        await using var host = await StartDemoAsync(api);
        using var client = host.CreateClient();

        var failed = await client.StreamAsync(CreateThread("hello"));

        // The turn fails (the partial text stays, as KeepPartialMessageOnError says) and can be retried.
        Assert.True(failed.Last(e => (string?)e["type"] == "error")["allow_retry"]!.GetValue<bool>());
        Assert.Equal("Half an ans", (string?)LastDone(failed, "assistant_message")["content"]![0]!["text"]);
        var threadId = (string)failed[0]["thread"]!["id"]!;
        var retried = await client.StreamAsync(Retry(threadId, (string)failed[1]["item"]!["id"]!));
        Assert.Equal("Whole answer.", (string?)LastDone(retried, "assistant_message")["content"]![0]!["text"]);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task A_stream_that_stops_before_the_model_finished_is_an_error_not_a_short_reply(string api)
    {
        _openAI.Enqueue(FakeReply.WithText("This answer never ends properly", chunks: 5).AndEndAfter(api == "chat" ? 4 : 7));
        await using var host = await StartDemoAsync(api);
        using var client = host.CreateClient();

        var failed = await client.StreamAsync(CreateThread("hello"));

        Assert.Contains(failed, e => (string?)e["type"] == "error");
        var (status, _) = await client.PostJsonAsync(ListThreads());
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private Task<DemoHost> StartDemoAsync(string api) =>
        DemoHost.StartAsync(null,
            "--OPENAI_BASE_URL", _openAI.BaseUrl.ToString(),
            "--OPENAI_API_KEY", "test-key",
            "--OPENAI_API", api,
            "--OPENAI_MAX_RETRIES", "0");
}
