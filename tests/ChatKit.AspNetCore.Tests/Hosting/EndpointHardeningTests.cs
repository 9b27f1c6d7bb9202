using ChatKit.AspNetCore.Security;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore.Tests.Hosting;

/// <summary>The endpoint's answers to broken transports, hostile ids and principals without a unique id.</summary>
public sealed class EndpointHardeningTests
{
    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }

    /// <summary>A request body that fails the way Kestrel's does when the client is too slow or goes quiet.</summary>
    private sealed class FailingBody(BadHttpRequestException error) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw error;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(error);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // AddChatKit binds its options from configuration, which a host always registers.
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<IStore<ChatKitRequestContext>>(new InMemoryStore<ChatKitRequestContext>());
        services.AddSingleton(new ChatKitServerOptions());
        services.AddChatKit<GatedServer>(o => o.AllowAnonymousUsers = true);
        return services.BuildServiceProvider();
    }

    private static DefaultHttpContext Request(IServiceProvider services, Stream body)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = "POST";
        http.Request.ContentType = "application/json";
        http.Request.Body = body;
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static JsonNode? ResponseJson(HttpContext http)
    {
        var bytes = ((MemoryStream)http.Response.Body).ToArray();
        return bytes.Length == 0 ? null : JsonNode.Parse(bytes);
    }

    [Theory]
    [InlineData(StatusCodes.Status408RequestTimeout, "request_timeout")]
    [InlineData(StatusCodes.Status400BadRequest, "bad_request")]
    public async Task A_body_kestrel_refuses_gets_its_own_status_and_only_a_debug_line(int status, string code)
    {
        await using var services = Services();
        var logger = new ListLogger();
        var http = Request(services, new FailingBody(new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", status)));

        await ChatKitEndpoint.HandleAsync<ChatKitRequestContext>(http, logger);

        Assert.Equal(status, http.Response.StatusCode);
        Assert.Equal(code, (string?)ResponseJson(http)!["error"]!["code"]);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Debug && e.Exception is null);
    }

    [Fact]
    public async Task Client_ids_are_escaped_and_cut_in_the_log()
    {
        await using var services = Services();
        var logger = new ListLogger();
        var forged = "thr_x\n2026-01-01 INFO Forged admin login" + new string('y', 5000);
        var body = new JsonObject { ["type"] = "threads.get_by_id", ["params"] = new JsonObject { ["thread_id"] = forged } }.ToJsonString();
        var http = Request(services, new MemoryStream(Encoding.UTF8.GetBytes(body)));

        await ChatKitEndpoint.HandleAsync<ChatKitRequestContext>(http, logger);

        Assert.Equal(400, http.Response.StatusCode);
        Assert.InRange(((MemoryStream)http.Response.Body).Length, 1, 2000);
        Assert.NotEmpty(logger.Entries);
        foreach (var (_, message, _) in logger.Entries)
        {
            Assert.DoesNotContain('\n', message);
            Assert.InRange(message.Length, 1, 1000);
        }
    }

    [Fact]
    public async Task A_missing_thread_with_a_newline_in_its_id_is_logged_on_one_line()
    {
        await using var services = Services();
        var logger = new ListLogger();
        var body = new JsonObject { ["type"] = "threads.get_by_id", ["params"] = new JsonObject { ["thread_id"] = "thr_a\r\nINFO forged" } }.ToJsonString();
        var http = Request(services, new MemoryStream(Encoding.UTF8.GetBytes(body)));

        await ChatKitEndpoint.HandleAsync<ChatKitRequestContext>(http, logger);

        Assert.Equal(404, http.Response.StatusCode);
        Assert.Contains(logger.Entries, e => e.Message.Contains("thr_a\\u000d\\u000aINFO forged", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains('\n') || e.Message.Contains('\r'));
    }

    [Fact]
    public async Task The_name_claim_is_not_a_user_id()
    {
        var options = Options.Create(new ChatKitHostingOptions());
        var cookie = new AnonymousUserCookie(
            Options.Create(new ChatKitAnonymousUserOptions()),
            new ChatKitPublicOrigin(Options.Create(new ChatKitSecurityOptions())),
            new EphemeralDataProtectionProvider());
        var factory = new DefaultChatKitContextFactory(options, cookie);
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "Alex Smith")], "test")),
        };
        await Assert.ThrowsAsync<ChatKitUnauthorizedException>(() => factory.CreateAsync(http, default).AsTask());

        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "Alex Smith"), new Claim("sub", "user-42")], "test"));
        Assert.Equal("user-42", (await factory.CreateAsync(http, default)).UserId);
    }
}
