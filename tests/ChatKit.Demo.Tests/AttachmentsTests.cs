using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChatKit.Testing.Http;

namespace ChatKit.Demo.Tests;

/// <summary>Uploads against the real demo (disk store, SQLite metadata), including a restart.</summary>
public sealed class AttachmentsTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> UploadAsync(DemoHost host, CookieContainer cookies, byte[] bytes, string name, string type)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true });
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        using var form = new MultipartFormDataContent { { file, "file", name } };
        using var response = await http.PostAsync(new Uri(host.BaseAddress, "chatkit/upload"), form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    private static async Task<HttpResponseMessage> GetAsync(CookieContainer cookies, string url)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true });
        return await http.GetAsync(url);
    }

    [Fact]
    public async Task Upload_send_preview_and_survive_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("chatkit-demo-attach-").FullName;
        try
        {
            string id, previewUrl, threadId;
            var cookies = new CookieContainer();
            await using (var host = await DemoHost.StartAsync(directory))
            {
                using var client = host.CreateClient(cookies);
                // The first request sets the anonymous user cookie.
                await client.PostJsonAsync(ChatKitRequests.ListThreads());

                var (status, body) = await UploadAsync(host, cookies, Png, "../pixel.png", "image/png");
                Assert.Equal(HttpStatusCode.OK, status);
                id = body!["id"]!.GetValue<string>();
                previewUrl = body["preview_url"]!.GetValue<string>();
                Assert.Equal("pixel.png", body["name"]!.GetValue<string>());

                var events = await client.StreamAsync(ChatKitRequests.Request("threads.create", new JsonObject { ["input"] = ChatKitRequests.Input("see attached", id) }));
                threadId = events.First(e => (string?)e["type"] == "thread.created")["thread"]!["id"]!.GetValue<string>();
                var reply = string.Concat(events.Where(e => (string?)e["type"] == "thread.item.done").Select(e => e.ToJsonString()));
                Assert.Contains("pixel.png", reply);

                // Another browser (user) sees nothing.
                using var other = await GetAsync(new CookieContainer(), previewUrl);
                Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
                await host.StopAsync();
            }

            await using (var host = await DemoHost.StartAsync(directory))
            {
                var port = new Uri(previewUrl).Port;
                var restartedPreview = new Uri(host.BaseAddress, new Uri(previewUrl).PathAndQuery).ToString();
                Assert.NotEqual(0, port);
                using (var preview = await GetAsync(cookies, restartedPreview))
                {
                    Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
                    Assert.Equal(Png, await preview.Content.ReadAsByteArrayAsync());
                }

                using var client = host.CreateClient(cookies);
                var (status, thread) = await client.PostJsonAsync(ChatKitRequests.GetThread(threadId));
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Contains(id, thread!.ToJsonString());

                // Deleting the thread deletes the attachment's bytes.
                var files = Directory.EnumerateFiles(Path.Combine(directory, "attachments"), id, SearchOption.AllDirectories).ToList();
                Assert.Single(files);
                var (deleted, _) = await client.PostJsonAsync(ChatKitRequests.DeleteThread(threadId));
                Assert.Equal(HttpStatusCode.OK, deleted);
                Assert.False(File.Exists(files[0]));
                using var gone = await GetAsync(cookies, restartedPreview);
                Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
                await host.StopAsync();
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task Limits_come_from_configuration()
    {
        await using var host = await DemoHost.StartAsync(null, "--ChatKit:Attachments:MaxFileBytes", "100");
        var cookies = new CookieContainer();
        var (big, body) = await UploadAsync(host, cookies, new byte[200], "big.txt", "text/plain");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big);
        Assert.Equal("file_too_large", body!["error"]!["code"]!.GetValue<string>());
        var (fake, _) = await UploadAsync(host, cookies, "not a png"u8.ToArray(), "fake.png", "image/png");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, fake);
    }
}
