using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.AspNetCore;
using ChatKit.AspNetCore.Attachments;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatKit.AspNetCore.Tests.Attachments;

/// <summary>A clock tests move forward.</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A server that answers nothing (zero events), with the disk attachment store.</summary>
public sealed class SilentServer(IStore<ChatKitRequestContext> store, IAttachmentStore<ChatKitRequestContext> attachments)
    : ChatKitServer<ChatKitRequestContext>(store, attachments, new ChatKitServerOptions { DeleteAttachmentsWithThread = true })
{
    protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, ChatKitRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }
}

/// <summary>Kestrel on a loopback port; the user is the <c>X-User</c> header.</summary>
public sealed class AttachmentHost : IAsyncDisposable
{
    private readonly TestWebHost _host;

    private AttachmentHost(TestWebHost host, string root)
    {
        _host = host;
        Root = root;
    }

    public string Root { get; }

    public Uri BaseAddress => _host.BaseAddress;

    public IServiceProvider Services => _host.Services;

    public ManualClock Clock => (ManualClock)Services.GetRequiredService<TimeProvider>();

    public DiskAttachmentStore<ChatKitRequestContext> Store => Services.GetRequiredService<DiskAttachmentStore<ChatKitRequestContext>>();

    public AttachmentOrphanSweeper<ChatKitRequestContext> Sweeper => Services.GetRequiredService<AttachmentOrphanSweeper<ChatKitRequestContext>>();

    public static async Task<AttachmentHost> StartAsync(Action<ChatKitAttachmentOptions>? configure = null, IStore<ChatKitRequestContext>? store = null)
    {
        var root = TestWebHost.CreateDirectory("chatkit-attach-test-");
        var builder = TestWebHost.CreateBuilder();
        builder.Services.AddSingleton<TimeProvider>(new ManualClock());
        builder.Services.AddSingleton(store ?? new InMemoryStore<ChatKitRequestContext>());
        builder.Services.AddChatKitDiskAttachments(o =>
        {
            o.RootDirectory = Path.Combine(root, "attachments");
            o.MaxFileBytes = 64 * 1024;
            o.OrphanSweepInterval = TimeSpan.FromDays(1);
            configure?.Invoke(o);
        });
        builder.Services.AddChatKit<SilentServer, ChatKitRequestContext>((http, _) =>
            ValueTask.FromResult(new ChatKitRequestContext { UserId = http.Request.Headers["X-User"].ToString() is { Length: > 0 } u ? u : throw new ChatKitException(401, "unauthorized", "no user"), HttpContext = http }));
        var app = builder.Build();
        app.MapChatKit<ChatKitRequestContext>("/chatkit");
        return new AttachmentHost(await TestWebHost.StartAsync(app, root), root);
    }

    public Client CreateClient(string user) => new(this, user);

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>One user's HTTP client.</summary>
    public sealed class Client : IDisposable
    {
        private readonly AttachmentHost _host;

        public Client(AttachmentHost host, string user)
        {
            _host = host;
            Http = host._host.CreateHttpClient();
            Http.DefaultRequestHeaders.Add("X-User", user);
        }

        public HttpClient Http { get; }

        public static MultipartFormDataContent Form(byte[] bytes, string fileName, string? contentType, string field = "file")
        {
            var file = new ByteArrayContent(bytes);
            if (contentType is not null)
            {
                file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            var form = new MultipartFormDataContent { { file, field, fileName } };
            return form;
        }

        public async Task<(int Status, JsonObject? Body)> UploadAsync(byte[] bytes, string fileName, string? contentType, string path = "chatkit/upload", string field = "file", HttpMethod? method = null)
        {
            using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = Form(bytes, fileName, contentType, field) };
            return await SendAsync(request);
        }

        public async Task<(int Status, JsonObject? Body)> SendAsync(HttpRequestMessage request)
        {
            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
        }

        public Task<(int Status, JsonObject? Body)> PostJsonAsync(string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "chatkit") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            return SendAsync(request);
        }

        /// <summary>Posts a streaming request; returns the status and the raw body.</summary>
        public async Task<(int Status, string Body)> PostStreamAsync(string body)
        {
            using var response = await Http.PostAsync("chatkit", new StringContent(body, Encoding.UTF8, "application/json"));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => Http.Dispose();
    }
}
