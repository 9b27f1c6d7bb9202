using System.Diagnostics.Metrics;
using ChatKit.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatKit.AspNetCore.Tests.Attachments;

/// <summary><c>chatkit.attachment.bytes</c> counts stored bytes, and nothing for refused uploads.</summary>
public sealed class AttachmentMetricsTests
{
    [Fact]
    public async Task Stored_uploads_add_their_size_and_refused_ones_nothing()
    {
        await using var host = await AttachmentHost.StartAsync();
        using var bytes = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), ChatKitMetrics.MeterName, "chatkit.attachment.bytes");
        using var alice = host.CreateClient("alice");

        var (status, _) = await alice.UploadAsync("hello attachment"u8.ToArray(), "notes.txt", "text/plain");
        Assert.Equal(200, status);
        var (png, _) = await alice.UploadAsync(AttachmentEndpointTests.Png, "dot.png", "image/png");
        Assert.Equal(200, png);
        var (mismatch, _) = await alice.UploadAsync("not a png"u8.ToArray(), "fake.png", "image/png");
        Assert.Equal(415, mismatch);

        Assert.Equal("hello attachment".Length + AttachmentEndpointTests.Png.Length, bytes.GetMeasurementSnapshot().EvaluateAsCounter());
    }
}
