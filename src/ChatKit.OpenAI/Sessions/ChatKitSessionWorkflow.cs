using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// The workflow reference of a session: sent in <see cref="ChatKitSessionCreateRequest.Workflow"/> and
/// returned, resolved, in <see cref="ChatKitSession.Workflow"/>.
/// </summary>
public sealed class ChatKitSessionWorkflow
{
    /// <summary>The workflow identifier (for example <c>wf_...</c>).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; set; }

    /// <summary>A specific workflow version; <see langword="null"/> means the latest deployed version.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>
    /// State variables forwarded to the workflow. Keys are up to 64 characters; values must be strings,
    /// booleans or numbers. Values read back from the API are <see cref="System.Text.Json.JsonElement"/>s.
    /// </summary>
    [JsonPropertyName("state_variables")]
    public IDictionary<string, object>? StateVariables { get; set; }

    /// <summary>Tracing settings; <see langword="null"/> leaves the API default (enabled).</summary>
    [JsonPropertyName("tracing")]
    public ChatKitWorkflowTracing? Tracing { get; set; }
}
