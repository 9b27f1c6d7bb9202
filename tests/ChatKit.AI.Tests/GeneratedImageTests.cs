using ChatKit.AI.Tests.Support;
using ChatKit.Stores;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class GeneratedImageTests
{
    private static readonly byte[] Final = [0x89, 0x50, 0x4E, 0x47, 9, 9];

    private static ChatResponseUpdate Started(string imageId) => new(ChatRole.Assistant, [new ImageGenerationToolCallContent(imageId)]);

    private static ChatResponseUpdate Partial(string imageId, int index, params byte[] bytes) =>
        new(ChatRole.Assistant, [new ImageGenerationToolResultContent(imageId)
        {
            Outputs = [new DataContent(bytes, "image/png") { AdditionalProperties = new() { ["PartialImageIndex"] = index } }],
        }]);

    private static ChatResponseUpdate Finished(string imageId, byte[] bytes) =>
        new(ChatRole.Assistant, [new ImageGenerationToolResultContent(imageId) { Outputs = [new DataContent(bytes, "image/png")] }]);

    private static Harness WithAttachments(ChatClientResponderOptions? options = null)
    {
        var store = new InMemoryStore<TestContext>();
        return new Harness(options, store: store, attachments: new MemoryAttachmentContentStore(store));
    }

    [Fact]
    public async Task Image_generation_is_announced_then_shows_partial_progress_then_finishes_with_a_stored_url()
    {
        var harness = WithAttachments(new ChatClientResponderOptions { ResponseConverter = new ResponseStreamConverter(partialImages: 2) });
        harness.Client.Then(Started("ig_1"), Partial("ig_1", 0, 1), Partial("ig_1", 1, 2), Finished("ig_1", Final));

        var events = await harness.CreateThreadAsync("Draw a cat");

        Assert.Equal(
            ["thread.item.added:generated_image", "updated:generated_image.updated", "updated:generated_image.updated", "thread.item.done:generated_image"],
            Harness.Shape(events).Skip(3));
        var added = events[3]["item"]!;
        Assert.Null(added["image"]);
        var itemId = (string)added["id"]!;
        var partials = events.Where(e => (string?)e["update"]?["type"] == "generated_image.updated").ToList();
        Assert.All(partials, p => Assert.Equal(itemId, (string)p["item_id"]!));
        Assert.Equal([0.0, 0.5], partials.Select(p => (double)p["update"]!["progress"]!));
        Assert.Equal("data:image/png;base64,AQ==", (string)partials[0]["update"]!["image"]!["url"]!);

        var done = events[^1]["item"]!;
        Assert.Equal(itemId, (string)done["id"]!);
        var url = (string)done["image"]!["url"]!;
        Assert.StartsWith("https://app.example/chatkit/attachments/atc_", url);

        // The stored thread holds the attachment's URL, never the bytes; the attachment belongs to the thread.
        var threadId = Harness.ThreadIdOf(events);
        var stored = Assert.Single((await harness.ItemsAsync(threadId)).OfType<GeneratedImageItem>());
        Assert.Equal(url, stored.Image!.Url);
        var attachment = await harness.Store.LoadAttachmentAsync(stored.Image.Id, harness.Context);
        Assert.Equal(threadId, attachment.ThreadId);
        Assert.Equal("image/png", attachment.MimeType);
    }

    [Fact]
    public async Task An_image_that_only_got_partial_images_finishes_with_the_last_one_and_one_that_got_none_is_withdrawn()
    {
        var harness = WithAttachments();
        harness.Client.Then(Started("ig_1"), Partial("ig_1", 0, 1), Partial("ig_1", 1, 2), Started("ig_2"), Text("Done."));

        var events = await harness.CreateThreadAsync("Draw two cats");

        var shape = Harness.Shape(events);
        Assert.Equal(2, shape.Count(s => s == "thread.item.added:generated_image"));
        Assert.Single(shape, "thread.item.done:generated_image");
        Assert.Single(shape, "thread.item.removed");
        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        var image = Assert.Single(items.OfType<GeneratedImageItem>());
        Assert.DoesNotContain("data:", image.Image!.Url, StringComparison.Ordinal);
        Assert.Single(items.OfType<AssistantMessageItem>());
    }

    [Fact]
    public async Task A_custom_converter_chooses_the_urls_and_the_progress()
    {
        var converter = new CdnImageConverter();
        var harness = new Harness(new ChatClientResponderOptions { ResponseConverter = converter });
        harness.Client.Then(
            Started("ig_1"), Partial("ig_1", 2, 1), Finished("ig_1", Final),
            new ChatResponseUpdate(ChatRole.Assistant, [new DataContent(new byte[] { 1, 2, 3 }, "image/png")]),
            new ChatResponseUpdate(ChatRole.Assistant, [new ImageGenerationToolResultContent("ig_3") { Outputs = [new UriContent("https://img.example/cat.png", "image/png")] }]));

        var events = await harness.CreateThreadAsync("Draw");

        var partial = Assert.Single(events, e => (string?)e["update"]?["type"] == "generated_image.updated")["update"]!;
        Assert.Equal("https://cdn.example/ig_1/partial-2.png", (string)partial["image"]!["url"]!);
        Assert.Equal(0.25, (double)partial["progress"]!);
        var done = events.Where(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "generated_image")
            .Select(e => (string)e["item"]!["image"]!["url"]!).ToList();
        Assert.Equal(3, done.Count);
        Assert.Equal("https://cdn.example/ig_1/final.png", done[0]);
        Assert.Matches("^https://cdn.example/msg_[0-9a-f]+/final.png$", done[1]);
        Assert.Equal("https://img.example/cat.png", done[2]);
        Assert.Equal(["ig_1/2", "ig_1/final"], converter.Calls.Take(2));
    }

    [Fact]
    public async Task Without_an_attachment_store_the_turn_fails_clearly_instead_of_storing_the_bytes()
    {
        var harness = new Harness();
        harness.Client.Then(Text("Here:"), Finished("ig_1", Final));

        var events = await harness.CreateThreadAsync("Draw");

        Assert.Equal("error", (string)events[^1]["type"]!);
        var items = await harness.ItemsAsync(Harness.ThreadIdOf(events));
        Assert.Empty(items.OfType<GeneratedImageItem>());
        Assert.DoesNotContain(items, i => System.Text.Json.JsonSerializer.Serialize(i, ChatKit.Json.ChatKitJson.Wire.ThreadItem).Contains("base64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stored_image_goes_back_to_the_model_as_its_bytes_in_the_next_turn()
    {
        var harness = WithAttachments();
        harness.Client.Then(Finished("ig_1", Final)).Then(Text("It is a cat."));

        var first = await harness.CreateThreadAsync("Draw a cat");
        await harness.AddUserMessageAsync(Harness.ThreadIdOf(first), "What did you draw?");

        var history = harness.Client.Calls[1];
        var image = history.SelectMany(m => m.Contents).OfType<DataContent>().Single();
        Assert.Equal(Final, image.Data.ToArray());
        Assert.Equal("image/png", image.MediaType);
    }

    private sealed class CdnImageConverter : ResponseStreamConverter
    {
        public List<string> Calls { get; } = [];

        public override ValueTask<string> ImageToUrlAsync(GeneratedImageData image, CancellationToken cancellationToken)
        {
            var name = image.IsPartial ? $"partial-{image.PartialImageIndex}" : "final";
            Calls.Add($"{image.ImageId}/{image.PartialImageIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "final"}");
            return ValueTask.FromResult($"https://cdn.example/{image.ImageId}/{name}.png");
        }

        public override double PartialImageProgress(int partialImageIndex) => partialImageIndex / 8.0;
    }
}
