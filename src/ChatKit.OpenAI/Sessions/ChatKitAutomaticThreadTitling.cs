using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>Automatic thread titling preferences of a session.</summary>
public sealed class ChatKitAutomaticThreadTitling
{
    /// <summary>Whether thread titles are generated automatically.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }
}
