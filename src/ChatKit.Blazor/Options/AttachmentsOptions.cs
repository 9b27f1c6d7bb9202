namespace ChatKit.Blazor;

/// <summary>File attachments in the composer (needs <see cref="ApiOptions.UploadStrategy"/>).</summary>
public sealed record AttachmentsOptions
{
    /// <summary>Shows the attach button and accepts dropped and pasted files.</summary>
    public bool Enabled { get; init; }

    /// <summary>Largest file in bytes.</summary>
    public long? MaxSize { get; init; }

    /// <summary>Most files on one message.</summary>
    public int? MaxCount { get; init; }

    /// <summary>Accepted files: MIME type (or pattern such as <c>"image/*"</c>) to file extensions.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Accept { get; init; }
}
