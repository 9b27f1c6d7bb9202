using ChatKit.Testing.FakeOpenAI;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Tests;

public sealed class ReasoningAndCitationTests
{
    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Streamed_reasoning_becomes_text_reasoning_content_before_the_text(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("42.", chunks: 1).AndReasoning("Think about life, the universe and everything.", chunks: 3));
        using var client = TestClients.Create(server, api);

        var updates = await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout));

        var contents = updates.SelectMany(u => u.Contents).Where(c => c is TextReasoningContent or TextContent { Text.Length: > 0 }).ToList();
        var reasoning = contents.OfType<TextReasoningContent>().ToList();
        Assert.Equal(3, reasoning.Count);
        Assert.Equal("Think about life, the universe and everything.", string.Concat(reasoning.Select(r => r.Text)));
        Assert.IsType<TextContent>(contents[^1]);
        Assert.Equal("42.", string.Concat(updates.Select(u => u.Text)));
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Non_streamed_reasoning_becomes_text_reasoning_content(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Yes.").AndReasoning("Checked twice."));
        using var client = TestClients.Create(server, api);

        var response = await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout);

        var contents = Assert.Single(response.Messages).Contents;
        Assert.Equal("Checked twice.", Assert.Single(contents.OfType<TextReasoningContent>()).Text);
        Assert.Equal("Yes.", response.Text);
    }

    [Fact]
    public async Task Responses_streamed_url_citations_become_citation_annotations()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("ChatKit is a UI toolkit. See docs.", chunks: 3)
            .AndCitation("https://example.com/chatkit", "ChatKit docs", 0, 24)
            .AndCitation("https://example.com/more", "More", 25, 34));
        using var client = TestClients.Create(server, OpenAIApiKind.Responses);

        var updates = await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout));

        // The official adapter streams the citations after the text, on a content of their own.
        var citations = updates.SelectMany(u => u.Contents)
            .SelectMany(t => t.Annotations ?? []).OfType<CitationAnnotation>().ToList();
        Assert.Equal(2, citations.Count);
        Assert.Equal(new Uri("https://example.com/chatkit"), citations[0].Url);
        Assert.Equal("ChatKit docs", citations[0].Title);
        var span = Assert.IsType<TextSpanAnnotatedRegion>(Assert.Single(citations[0].AnnotatedRegions!));
        Assert.Equal(0, span.StartIndex);
        Assert.Equal(24, span.EndIndex);
        Assert.Equal("More", citations[1].Title);
        Assert.Equal("ChatKit is a UI toolkit. See docs.", string.Concat(updates.Select(u => u.Text)));
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Non_streamed_url_citations_are_attached_to_the_text(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Cited sentence.").AndCitation("https://example.com/a", "Source A", 0, 15));
        using var client = TestClients.Create(server, api);

        var response = await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout);

        var text = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<TextContent>());
        Assert.Equal("Cited sentence.", text.Text);
        var citation = Assert.IsType<CitationAnnotation>(Assert.Single(text.Annotations!));
        Assert.Equal(new Uri("https://example.com/a"), citation.Url);
        Assert.Equal("Source A", citation.Title);
    }

    [Fact]
    public async Task Responses_streamed_citations_survive_coalescing_into_a_chat_response()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Sourced claim.", chunks: 2).AndCitation("https://example.com/s", "S", 0, 14));
        using var client = TestClients.Create(server, OpenAIApiKind.Responses);

        var response = await client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout).ToChatResponseAsync();

        Assert.Equal("Sourced claim.", response.Text);
        var citation = Assert.Single(response.Messages.SelectMany(m => m.Contents).SelectMany(c => c.Annotations ?? []).OfType<CitationAnnotation>());
        Assert.Equal(new Uri("https://example.com/s"), citation.Url);
    }
}

public sealed class GeneratedImageTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Responses_generated_images_come_back_as_image_data(bool streaming)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Here is your cat.", chunks: 2).AndGeneratedImage(Png));
        using var client = TestClients.Create(server, OpenAIApiKind.Responses);

        var contents = streaming
            ? (await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout))).SelectMany(u => u.Contents).ToList()
            : (await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout)).Messages.SelectMany(m => m.Contents).ToList();

        // ChatKit.AI turns this content into a generated_image item (see ChatClientTurn).
        var image = Assert.Single(contents.OfType<ImageGenerationToolResultContent>().SelectMany(r => r.Outputs ?? []).OfType<DataContent>());
        Assert.True(image.HasTopLevelMediaType("image"));
        Assert.Equal(Png, image.Data.ToArray());
    }
}
