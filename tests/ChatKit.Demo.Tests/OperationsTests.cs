using System.Net;
using ChatKit.Server;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatKit.Demo.Tests;

/// <summary>What an operator sees: /health, the store picked from configuration, OTLP export only when configured.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task Health_reports_the_sqlite_store_and_turns_unhealthy_when_its_file_is_deleted()
    {
        await using var host = await DemoHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var healthy = await http.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());

        // Pooled connections keep the deleted file open; the probe opens it by name, as a restart would.
        File.Delete(Path.Combine(host.DataDirectory, "chatkit.db"));

        var broken = await http.GetAsync("health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
        Assert.Equal("Unhealthy", await broken.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_memory_store_is_selected_by_configuration_and_healthy()
    {
        await using var host = await DemoHost.StartAsync(null, "--ChatKit:Store", "memory");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health")).StatusCode);
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, "chatkit.db")));
    }

    [Fact]
    public async Task An_unknown_store_or_invalid_option_stops_the_demo_at_start()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => DemoApplication.Create(["--ChatKit:Store", "redis"]));
        Assert.Contains("redis", unknown.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => DemoHost.StartAsync(null, "--ChatKit:MaxRequestBytes", "-1"));
    }

    [Fact]
    public async Task Telemetry_is_wired_only_when_an_OTLP_endpoint_is_configured()
    {
        await using (var plain = await DemoHost.StartAsync())
        {
            Assert.Null(plain.Services.GetService<MeterProvider>());
            Assert.Null(plain.Services.GetService<TracerProvider>());
        }

        // Nothing listens there: the exporter's failures are its own and must not disturb the app.
        await using var exported = await DemoHost.StartAsync(null, "--OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9");
        Assert.NotNull(exported.Services.GetService<MeterProvider>());
        Assert.NotNull(exported.Services.GetService<TracerProvider>());
        Assert.NotNull(exported.Services.GetService<ChatKitMetrics>());
        using var client = exported.CreateClient();
        var created = await client.StreamAsync(ChatKit.Testing.Http.ChatKitRequests.CreateThread("hello"));
        Assert.Equal("thread.created", created[0]["type"]!.GetValue<string>());
    }
}
