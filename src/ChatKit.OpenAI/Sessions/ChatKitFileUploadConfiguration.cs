using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>Upload permissions and limits of a session.</summary>
public sealed class ChatKitFileUploadConfiguration
{
    /// <summary>Whether uploads are enabled.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>Maximum size of each uploaded file, in megabytes.</summary>
    [JsonPropertyName("max_file_size")]
    public int? MaxFileSize { get; set; }

    /// <summary>Maximum number of files that can be uploaded in the session.</summary>
    [JsonPropertyName("max_files")]
    public int? MaxFiles { get; set; }
}
