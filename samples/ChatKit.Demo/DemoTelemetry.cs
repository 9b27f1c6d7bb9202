using ChatKit.Server;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatKit.Demo;

/// <summary>
/// Exports ChatKit's traces and metrics (and ASP.NET Core's metrics) over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (as a variable or <c>--OTEL_EXPORTER_OTLP_ENDPOINT=…</c>); without it nothing is collected or sent.
/// </summary>
internal static class DemoTelemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddWhenConfigured(WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            return;
        }

        // UseOtlpExporter reads the endpoint (and OTEL_EXPORTER_OTLP_PROTOCOL, headers) from configuration.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ChatKit.Demo"))
            .WithTracing(tracing => tracing.AddSource(ChatKitDiagnostics.SourceName))
            .WithMetrics(metrics => metrics.AddMeter(ChatKitMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"))
            .UseOtlpExporter();
    }
}
