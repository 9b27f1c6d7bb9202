using ChatKit.AspNetCore.Attachments;
using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore.Tests.Attachments;

/// <summary>Content the server stores itself (generated images): a complete attachment of the user, served like an upload.</summary>
public sealed class AttachmentContentTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7];

    private AttachmentHost _host = null!;

    public async Task InitializeAsync() => _host = await AttachmentHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ChatKitRequestContext Context(string user)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "http";
        http.Request.Host = new HostString(_host.BaseAddress.Authority);
        http.Request.Path = "/chatkit";
        return new ChatKitRequestContext { UserId = user, HttpContext = http };
    }

    [Fact]
    public async Task Stored_content_is_an_image_attachment_its_owner_can_load_and_preview_and_nobody_else_can()
    {
        var alice = Context("alice");
        var attachment = Assert.IsType<ImageAttachment>(await _host.Store.StoreContentAsync(Png, "generated-image.png", "image/png", alice));

        Assert.Equal(Png, (await _host.Store.LoadContentAsync(attachment.Id, alice))!.Value.ToArray());
        Assert.Null(await _host.Store.LoadContentAsync(attachment.Id, Context("bob")));
        Assert.Null(await _host.Store.LoadContentAsync("../../etc/passwd", alice));
        Assert.Equal("image/png", (await _host.Store.Store.LoadAttachmentAsync(attachment.Id, alice)).MimeType);

        using var aliceClient = _host.CreateClient("alice");
        using var bobClient = _host.CreateClient("bob");
        using var preview = await aliceClient.Http.GetAsync(attachment.PreviewUrl);
        Assert.Equal(200, (int)preview.StatusCode);
        Assert.Equal(Png, await preview.Content.ReadAsByteArrayAsync());
        using var foreign = await bobClient.Http.GetAsync(attachment.PreviewUrl);
        Assert.Equal(404, (int)foreign.StatusCode);
    }

    [Fact]
    public async Task Content_that_is_not_what_it_claims_is_refused()
    {
        await Assert.ThrowsAsync<ChatKitException>(async () =>
            await _host.Store.StoreContentAsync("not a png"u8.ToArray(), "x.png", "image/png", Context("alice")));
    }
}
