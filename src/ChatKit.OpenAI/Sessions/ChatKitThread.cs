using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>A hosted ChatKit thread (<c>chatkit.thread</c>).</summary>
public sealed class ChatKitThread
{
    /// <summary>The thread identifier (<c>cthr_...</c>).</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>The object type, always <c>chatkit.thread</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "chatkit.thread";

    /// <summary>When the thread was created, in Unix seconds.</summary>
    [JsonPropertyName("created_at")]
    public long CreatedAt { get; set; }

    /// <summary>The thread title, or <see langword="null"/> when none has been generated yet.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>The end user who owns the thread.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }

    /// <summary>The thread's status.</summary>
    [JsonPropertyName("status")]
    public ChatKitThreadStatus? Status { get; set; }
}
