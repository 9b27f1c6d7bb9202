using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.AspNetCore;
using ChatKit.AspNetCore.Attachments;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    private readonly WebApplication _app;

    private AttachmentHost(WebApplication app, string root, Uri baseAddress)
    {
        _app = app;
        Root = root;
        BaseAddress = baseAddress;
    }

    public string Root { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public ManualClock Clock => (ManualClock)_app.Services.GetRequiredService<TimeProvider>();

    public DiskAttachmentStore<ChatKitRequestContext> Store => _app.Services.GetRequiredService<DiskAttachmentStore<ChatKitRequestContext>>();

    public AttachmentOrphanSweeper<ChatKitRequestContext> Sweeper => _app.Services.GetRequiredService<AttachmentOrphanSweeper<ChatKitRequestContext>>();

    public static async Task<AttachmentHost> StartAsync(Action<ChatKitAttachmentOptions>? configure = null)
    {
        var root = Directory.CreateTempSubdirectory("chatkit-attach-test-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(new ManualClock());
        builder.Services.AddSingleton<IStore<ChatKitRequestContext>>(new InMemoryStore<ChatKitRequestContext>());
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
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AttachmentHost(app, root, new Uri(address.TrimEnd('/') + "/"));
    }

    public Client CreateClient(string user) => new(this, user);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One user's HTTP client.</summary>
    public sealed class Client : IDisposable
    {
        private readonly AttachmentHost _host;

        public Client(AttachmentHost host, string user)
        {
            _host = host;
            Http = new HttpClient { BaseAddress = host.BaseAddress };
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
