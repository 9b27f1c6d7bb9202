using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>Thread history preferences of a session.</summary>
public sealed class ChatKitHistoryConfiguration
{
    /// <summary>Whether users can see their previous threads.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>How many recent threads are available; <see langword="null"/> means all of them.</summary>
    [JsonPropertyName("recent_threads")]
    public int? RecentThreads { get; set; }
}
