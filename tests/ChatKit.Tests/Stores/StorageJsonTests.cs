using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;

namespace ChatKit.Tests.Stores;

public sealed class StorageJsonTests
{
    private static readonly FileAttachment Attachment = new()
    {
        Id = "atc_1",
        Name = "a.txt",
        MimeType = "text/plain",
        Metadata = new JsonObject { ["secret"] = "s" },
    };

    [Fact]
    public void Storage_keeps_attachment_metadata_and_the_wire_strips_it()
    {
        Assert.Contains("secret", JsonSerializer.Serialize<Attachment>(Attachment, ChatKitJson.Storage.Attachment), StringComparison.Ordinal);
        Assert.Contains("secret", JsonSerializer.Serialize<Attachment>(Attachment, ChatKitJson.StorageOptions), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", JsonSerializer.Serialize<Attachment>(Attachment, ChatKitJson.Wire.Attachment), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", JsonSerializer.Serialize<Attachment>(Attachment, ChatKitJson.WireOptions), StringComparison.Ordinal);
    }

    [Fact]
    public void Wire_strips_attachment_metadata_inside_items()
    {
        var item = new UserMessageItem
        {
            Id = "msg_1",
            ThreadId = "thr_1",
            CreatedAt = DateTimeOffset.UnixEpoch,
            Content = [new UserMessageTextContent { Text = "hi" }],
            Attachments = [Attachment],
        };
        Assert.Contains("secret", JsonSerializer.Serialize<ThreadItem>(item, ChatKitJson.Storage.ThreadItem), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", JsonSerializer.Serialize<ThreadItem>(item, ChatKitJson.Wire.ThreadItem), StringComparison.Ordinal);
    }
}
