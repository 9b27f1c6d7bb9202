using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>Tracing settings of a workflow invocation.</summary>
public sealed class ChatKitWorkflowTracing
{
    /// <summary>Whether tracing is enabled for the session.</summary>
    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; }
}
