using System.Text.Json.Nodes;
using ChatKit.AI;
using ChatKit.Stores;
using ChatKit.Testing.Http;
using Microsoft.Extensions.AI;

namespace ChatKit.AspNetCore.Tests.Attachments;

public sealed class ModelInputTests
{
    [Fact]
    public async Task Stored_attachments_reach_the_model_as_image_data_text_and_file_data()
    {
        await using var host = await AttachmentHost.StartAsync();
        using var alice = host.CreateClient("alice");
        var (_, image) = await alice.UploadAsync(AttachmentEndpointTests.Png, "pixel.png", "image/png");
        var (_, text) = await alice.UploadAsync("some notes"u8.ToArray(), "notes.txt", "text/plain");
        var (_, pdf) = await alice.UploadAsync("%PDF-1.4 minimal"u8.ToArray(), "doc.pdf", "application/pdf");
        var ids = new[] { image, text, pdf }.Select(a => a!["id"]!.GetValue<string>()).ToArray();
        var (status, sse) = await alice.PostStreamAsync(ChatKitRequests.Request("threads.create", new JsonObject { ["input"] = ChatKitRequests.Input("look", ids) }));
        Assert.Equal(200, status);
        var threadId = JsonNode.Parse(sse.Split('\n')[0]["data: ".Length..])!["thread"]!["id"]!.GetValue<string>();

        // Read the message back from the store, as the AI bridge does.
        var store = host.Store.Store;
        var context = new ChatKitRequestContext { UserId = "alice" };
        var items = await store.LoadThreadItemsAsync(threadId, null, 20, SortOrder.Asc, context);
        var converter = new ThreadItemConverter(host.Store.LoadBytesAsync);
        var messages = await converter.ToChatMessagesAsync(items.Data);

        var contents = messages.Single(m => m.Role == ChatRole.User).Contents;
        var png = Assert.Single(contents.OfType<DataContent>(), c => c.MediaType == "image/png");
        Assert.Equal(AttachmentEndpointTests.Png, png.Data.ToArray());
        Assert.Contains(contents.OfType<TextContent>(), c => c.Text.Contains("some notes", StringComparison.Ordinal) && c.Text.Contains("notes.txt", StringComparison.Ordinal));
        var file = Assert.Single(contents.OfType<DataContent>(), c => c.MediaType == "application/pdf");
        Assert.Equal("doc.pdf", file.Name);

        // A forged attachment (no owner metadata) loads nothing.
        Assert.Null(await host.Store.LoadBytesAsync(new FileAttachment { Id = ids[1], Name = "x", MimeType = "text/plain" }));
    }
}
