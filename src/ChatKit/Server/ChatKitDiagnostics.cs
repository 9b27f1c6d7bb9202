using System.Diagnostics;

namespace ChatKit.Server;

/// <summary>OpenTelemetry-friendly tracing: one span per request and one per handler turn.</summary>
public static class ChatKitDiagnostics
{
    /// <summary>The name of the <see cref="ActivitySource"/> (subscribe with <c>AddSource("ChatKit")</c>).</summary>
    public const string SourceName = "ChatKit";

    /// <summary>The activity source.</summary>
    public static ActivitySource Source { get; } = new(SourceName, typeof(ChatKitDiagnostics).Assembly.GetName().Version?.ToString());
}
