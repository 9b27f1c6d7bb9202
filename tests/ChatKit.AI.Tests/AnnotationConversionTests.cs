using ChatKit.AI.Tests.Support;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class AnnotationConversionTests
{
    [Fact]
    public async Task A_custom_conversion_decides_each_annotation_and_dropped_ones_leave_no_gap()
    {
        var harness = new Harness(new ChatClientResponderOptions { ResponseConverter = new InternalDocsConverter() });
        harness.Client.Then(
            Text("See the wiki"),
            new ChatResponseUpdate(ChatRole.Assistant, [new TextContent(null) { Annotations = [new CitationAnnotation { Url = new Uri("https://tracker.example/t/1") }] }]),
            new ChatResponseUpdate(ChatRole.Assistant, [new TextContent(" and the spec.") { Annotations = [new CitationAnnotation { FileId = "file_9", Title = "spec.pdf" }] }]));

        var events = await harness.CreateThreadAsync("Where is it documented?");

        var added = events.Where(e => (string?)e["update"]?["type"] == "assistant_message.content_part.annotation_added").ToList();
        var only = Assert.Single(added)["update"]!;
        Assert.Equal(0, (int)only["annotation_index"]!);
        JsonAssert.Equal(
            """{"type":"annotation","source":{"type":"url","url":"https://docs.example/files/file_9","title":"Internal: spec.pdf"},"index":26}""",
            only["annotation"]);
        var message = Assert.Single((await harness.ItemsAsync(Harness.ThreadIdOf(events))).OfType<AssistantMessageItem>());
        Assert.Equal("https://docs.example/files/file_9", Assert.IsType<UrlSource>(Assert.Single(message.Content[0].Annotations).Source).Url);
    }

    // Files are shown as links to the internal docs site; links to the tracker are not shown at all.
    private sealed class InternalDocsConverter : ResponseStreamConverter
    {
        public override async ValueTask<Annotation?> ToAnnotationAsync(CitationAnnotation citation, int textLength, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (citation.FileId is { } fileId)
            {
                return new Annotation
                {
                    Source = new UrlSource { Url = $"https://docs.example/files/{fileId}", Title = $"Internal: {citation.Title}" },
                    Index = textLength,
                };
            }

            return null;
        }
    }
}
