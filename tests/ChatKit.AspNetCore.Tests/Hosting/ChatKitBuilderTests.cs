using System.Net;
using System.Text;
using ChatKit.AspNetCore.Attachments;
using ChatKit.AspNetCore.Tests.Attachments;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore.Tests.Hosting;

/// <summary><c>AddChatKit</c>'s builder: options from the ChatKit section, validation at start, the clock, health.</summary>
public sealed class ChatKitBuilderTests
{
    private const string CreateThread = """{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"hi"}],"attachments":[],"inference_options":{}}}}""";

    [Fact]
    public async Task Options_come_from_the_ChatKit_section_and_the_body_limit_is_the_servers()
    {
        await using var app = BuilderHost.Build(new() { ["ChatKit:MaxRequestBytes"] = "200", ["ChatKit:AllowAnonymousUsers"] = "true" });
        await app.StartAsync();
        Assert.Equal(200, app.Services.GetRequiredService<EchoServer>().Options.MaxRequestBytes);
        Assert.True(app.Services.GetRequiredService<IOptions<ChatKitHostingOptions>>().Value.AllowAnonymousUsers);

        using var http = new HttpClient { BaseAddress = BuilderHost.AddressOf(app) };
        var small = await http.PostAsync("chatkit", new StringContent(CreateThread, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Contains("echo: hi", await small.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var large = await http.PostAsync("chatkit", new StringContent(CreateThread.Replace("hi", new string('x', 300), StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);

        // Still serving after the rejection.
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("chatkit", new StringContent(CreateThread, Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Code_configures_the_server_after_the_configuration_section()
    {
        await using var app = BuilderHost.Build(
            new() { ["ChatKit:DefaultPageSize"] = "5", ["ChatKit:MaxPageSize"] = "50" },
            kit => kit.AddInMemoryStore().ConfigureServer(o => o.DefaultPageSize = 7));
        var options = app.Services.GetRequiredService<EchoServer>().Options;
        Assert.Equal(7, options.DefaultPageSize);
        Assert.Equal(50, options.MaxPageSize);
    }

    [Theory]
    [InlineData("ChatKit:MaxRequestBytes", "0")]
    [InlineData("ChatKit:MaxPageSize", "5")]
    [InlineData("ChatKit:ThreadLockTimeout", "-00:00:01")]
    public async Task Invalid_server_options_stop_the_app_at_start_naming_the_key(string key, string value)
    {
        // MapChatKit builds the server, so validation may fail there or when the host starts: both are start-up.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = BuilderHost.Build(new() { [key] = value });
            await app.StartAsync();
        });
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_bind_ChatKit_Attachments_and_need_a_root_directory()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var missing = BuilderHost.Build([], kit => kit.AddInMemoryStore().AddDiskAttachments());
            await missing.StartAsync();
        });
        Assert.Contains("ChatKit:Attachments:RootDirectory", error.Message, StringComparison.Ordinal);

        var root = Directory.CreateTempSubdirectory("chatkit-builder-").FullName;
        try
        {
            await using var app = BuilderHost.Build(
                new() { ["ChatKit:Attachments:RootDirectory"] = root, ["ChatKit:Attachments:MaxFileBytes"] = "1234", ["ChatKit:Attachments:UploadUrlLifetime"] = "00:02:00" },
                kit => kit.AddInMemoryStore().AddDiskAttachments());
            await app.StartAsync();
            var store = app.Services.GetRequiredService<DiskAttachmentStore<ChatKitRequestContext>>();
            Assert.Equal(1234, store.Options.MaxFileBytes);
            Assert.Equal(TimeSpan.FromMinutes(2), store.Options.UploadUrlLifetime);
            Assert.Same(store, app.Services.GetRequiredService<EchoServer>().AttachmentStore);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_registered_clock_is_the_servers_clock_and_the_system_clock_is_the_default()
    {
        var clock = new ManualClock { Now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        await using (var app = BuilderHost.Build([], more: b => b.Services.AddSingleton<TimeProvider>(clock)))
        {
            Assert.Equal(clock.Now, app.Services.GetRequiredService<EchoServer>().Clock);
        }

        await using var plain = BuilderHost.Build([]);
        Assert.Same(TimeProvider.System, plain.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task Health_is_200_for_a_store_that_answers_and_503_for_one_that_throws_while_chat_keeps_serving()
    {
        await using (var healthy = BuilderHost.Build([]))
        {
            await healthy.StartAsync();
            using var http = new HttpClient { BaseAddress = BuilderHost.AddressOf(healthy) };
            var response = await http.GetAsync("health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }

        await using var failing = BuilderHost.Build(new() { ["ChatKit:AllowAnonymousUsers"] = "true" }, kit => kit.AddStore(_ => new BrokenProbeStore()));
        await failing.StartAsync();
        using var client = new HttpClient { BaseAddress = BuilderHost.AddressOf(failing) };
        var unhealthy = await client.GetAsync("health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());
        var report = await failing.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Contains("disk on fire", report.Entries["chatkit-store"].Description, StringComparison.Ordinal);

        var chat = await client.PostAsync("chatkit", new StringContent(CreateThread, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }

    /// <summary>A working store whose probe fails: health must report it without breaking requests.</summary>
    private sealed class BrokenProbeStore : InMemoryStore<ChatKitRequestContext>, IStoreProbe
    {
        public Task ProbeAsync(CancellationToken cancellationToken) => throw new IOException("disk on fire");
    }
}
