using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// ChatKit feature configuration of a session: requested overrides on create (every part optional) and the
/// resolved configuration on the returned session.
/// </summary>
public sealed class ChatKitSessionConfiguration
{
    /// <summary>Automatic thread titling; the API enables it when omitted.</summary>
    [JsonPropertyName("automatic_thread_titling")]
    public ChatKitAutomaticThreadTitling? AutomaticThreadTitling { get; set; }

    /// <summary>File uploads; the API disables them when omitted.</summary>
    [JsonPropertyName("file_upload")]
    public ChatKitFileUploadConfiguration? FileUpload { get; set; }

    /// <summary>Thread history; the API enables it, without a limit, when omitted.</summary>
    [JsonPropertyName("history")]
    public ChatKitHistoryConfiguration? History { get; set; }
}
