using System.Net;
using System.Text;
using ChatKit.OpenAI.Hosting;
using ChatKit.OpenAI.Sessions;
using ChatKit.Testing.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatKit.OpenAI.Tests.Sessions;

/// <summary>
/// An app that maps the session endpoints on a real loopback Kestrel port, talking to a <see cref="FakeChatKitApi"/>;
/// it keeps every response and log line so a test can check that neither the key nor upstream details leak.
/// </summary>
public sealed class HostedEndpointHarness : IAsyncDisposable
{
    public const string Path = "/api/chatkit/session";

    private readonly List<string> _observed = [];
    private TestWebHost _host = null!;

    private HostedEndpointHarness(FakeChatKitApi upstream) => Upstream = upstream;

    public FakeChatKitApi Upstream { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public Uri Address => _host.BaseAddress;

    public CookieContainer Cookies { get; } = new();

    public HttpClient Browser { get; private set; } = null!;

    public static async Task<HostedEndpointHarness> StartAsync(
        Action<ChatKitHostedOptions>? configure = null,
        IDictionary<string, string?>? configuration = null,
        bool useRateLimiter = true,
        bool mapChatKit = false)
    {
        var harness = new HostedEndpointHarness(await FakeChatKitApi.StartAsync());
        var builder = TestWebHost.CreateSlimBuilder();
        builder.Logging.AddProvider(harness.Logs).SetMinimumLevel(LogLevel.Trace);

        var settings = new Dictionary<string, string?>
        {
            ["ChatKit:Hosted:ApiKey"] = SecretLeakAssert.ApiKey,
            ["ChatKit:Hosted:BaseUrl"] = harness.Upstream.BaseUrl.AbsoluteUri,
            ["ChatKit:Hosted:WorkflowId"] = "wf_configured",
            ["ChatKit:Hosted:InitialRetryDelay"] = "00:00:00.010",
            ["ChatKit:Hosted:MaxRetryDelay"] = "00:00:00.050",

            // The host reads environment variables into configuration; blank the fallbacks so no test depends on the
            // machine's OPENAI_* variables.
            ["OPENAI_API_KEY"] = "",
            ["OPENAI_BASE_URL"] = "",
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddChatKitSessions(configure);
        builder.Services.Configure<ChatKitSessionsOptions>(o => o.EnvironmentVariables = _ => null);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        if (mapChatKit)
        {
            // The app's own ChatKit endpoint next to the session endpoint, serving the same anonymous browsers.
            builder.Services.AddSingleton<ChatKit.Stores.IStore<ChatKit.AspNetCore.ChatKitRequestContext>>(new ChatKit.Stores.InMemoryStore<ChatKit.AspNetCore.ChatKitRequestContext>());
            builder.Services.AddSingleton<UserRecordingServer.Users>();
            builder.Services.AddChatKit<UserRecordingServer>(o => o.AllowAnonymousUsers = true);
        }

        var app = builder.Build();
        app.UseAuthentication();
        if (useRateLimiter)
        {
            app.UseRateLimiter();
        }

        app.MapChatKitSessions(Path);
        if (mapChatKit)
        {
            app.MapChatKit("/chatkit");
        }

        harness._host = await TestWebHost.StartAsync(app);
        harness.Browser = harness.NewBrowser(harness.Cookies);
        return harness;
    }

    public HttpClient NewBrowser(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = Address };

    /// <summary>The users the ChatKit endpoint served (with <c>mapChatKit</c>), in order.</summary>
    public IReadOnlyList<string> ChatKitUsers => [.. _host.Services.GetRequiredService<UserRecordingServer.Users>()];

    public async Task<(HttpResponseMessage Response, string Body)> PostAsync(string path, string? user = null, string? json = null, HttpClient? browser = null, string? sub = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
        }

        if (sub is not null)
        {
            request.Headers.Add("X-Test-Sub", sub);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await (browser ?? Browser).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Observe(response, body);
        return (response, body);
    }

    public void Observe(HttpResponseMessage response, string body)
    {
        lock (_observed)
        {
            _observed.Add(body);
            _observed.AddRange(response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(",", h.Value)));
        }
    }

    /// <summary>Neither the API key nor an upstream detail reached the browser, and neither the key nor a client secret reached the log.</summary>
    public void AssertNothingLeaked()
    {
        string[] observed;
        lock (_observed)
        {
            observed = [.. _observed];
        }

        SecretLeakAssert.NotIn(observed, "a response to the browser");
        SecretLeakAssert.NotIn(Logs.Lines, "a log line");
        SecretLeakAssert.NoClientSecretIn(Logs.Lines, "a log line");
        foreach (var text in observed)
        {
            Assert.DoesNotContain("req_test_", text); // upstream request ids
            Assert.DoesNotContain("UPSTREAM-DETAIL", text); // upstream error messages used by the tests
        }
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await _host.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
