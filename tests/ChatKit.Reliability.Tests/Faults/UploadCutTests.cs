using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Reliability.Tests.Hosting;
using ChatKit.Testing.Http;

namespace ChatKit.Reliability.Tests.Faults;

/// <summary>Uploads whose body stops half-way (the client's connection drops).</summary>
public sealed class UploadCutTests : IAsyncLifetime
{
    private const string Boundary = "reliability-boundary";

    // A 1x1 PNG followed by padding, so that the bytes pass the content check and a cut can land inside them.
    private static readonly byte[] Png = [.. Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), .. new byte[20_000]];

    private ReliabilityHost _host = null!;

    public async Task InitializeAsync() => _host = await ReliabilityHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_direct_upload_cut_mid_body_leaves_no_file_and_the_next_upload_works()
    {
        using var client = new RawClient(_host.Endpoint);
        var threadId = await Turns.StartThreadAsync(client);

        foreach (var cutAt in new[] { 10, 150, 4_000, 15_000 })
        {
            await SendCutAsync("POST", "/chatkit/upload", client.Cookies, cutAt);
        }

        await AssertNoPartialFilesAsync();
        var id = await UploadAsync(new Uri(_host.BaseAddress, "chatkit/upload"), client.Cookies);
        await AssertUsableAsync(client, threadId, id);
    }

    [Fact]
    public async Task A_two_phase_upload_cut_mid_body_can_be_sent_again_to_the_same_url()
    {
        using var client = new RawClient(_host.Endpoint);
        var threadId = await Turns.StartThreadAsync(client);
        var created = await client.PostAsync(ChatKitRequests.Request("attachments.create", new JsonObject { ["name"] = "cut.png", ["size"] = Png.Length, ["mime_type"] = "image/png" }));
        Assert.True(created.Status == HttpStatusCode.OK, created.Describe());
        var url = new Uri(created.Json!["upload_descriptor"]!["url"]!.GetValue<string>());
        var id = created.Json["id"]!.GetValue<string>();

        foreach (var cutAt in new[] { 60, 9_000 })
        {
            await SendCutAsync("POST", url.PathAndQuery, client.Cookies, cutAt);
        }

        await AssertNoPartialFilesAsync();
        Assert.Equal(id, await UploadAsync(url, client.Cookies));
        await AssertUsableAsync(client, threadId, id);
    }

    private async Task SendCutAsync(string method, string pathAndQuery, CookieContainer cookies, int cutAt)
    {
        var body = MultipartBody();
        var head = $"{method} {pathAndQuery} HTTP/1.1\r\nHost: {_host.BaseAddress.Authority}\r\n" +
            $"Cookie: {cookies.GetCookieHeader(_host.BaseAddress)}\r\n" +
            $"Content-Type: multipart/form-data; boundary={Boundary}\r\nContent-Length: {body.Length}\r\n\r\n";
        using var socket = new TcpClient();
        await socket.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, Math.Min(cutAt, body.Length)));
        await stream.FlushAsync();
        // Give the server time to start reading the form before the connection drops.
        await Task.Delay(100);
        socket.Client.Close(0);
    }

    private static byte[] MultipartBody() =>
    [
        .. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.png\"\r\nContent-Type: image/png\r\n\r\n"),
        .. Png,
        .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"),
    ];

    private static async Task<string> UploadAsync(Uri url, CookieContainer cookies)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true });
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "whole.png" } };
        using var response = await http.PostAsync(url, form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"upload after a cut one: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    private async Task AssertNoPartialFilesAsync()
    {
        var root = Path.Combine(_host.DataDirectory, "attachments");
        string[] partial = [];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            partial = Directory.Exists(root) ? Directory.GetFiles(root, "*.part", SearchOption.AllDirectories) : [];
            if (partial.Length == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("partial upload files left behind: " + string.Join(", ", partial));
    }

    private static async Task AssertUsableAsync(RawClient client, string threadId, string attachmentId)
    {
        var turn = Turns.AssertAnswered(await client.PostAsync(ChatKitRequests.AddUserMessage(threadId, "see attached", attachmentId)), "turn with the attachment");
        Assert.Contains(attachmentId, turn.RawText, StringComparison.Ordinal);
        await AfterFault.AssertThreadRecoveredAsync(client, threadId, turn.DoneItemIds, "after cut uploads");
    }
}
