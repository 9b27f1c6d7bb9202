namespace ChatKit.AspNetCore.Attachments;

/// <summary>Settings of <see cref="DiskAttachmentStore{TContext}"/> and the upload/preview endpoints.</summary>
public sealed class ChatKitAttachmentOptions
{
    /// <summary>Where the bytes live (one folder per user below it). Required.</summary>
    public string RootDirectory { get; set; } = "";

    /// <summary>The largest accepted file, in bytes (default 20 MB); larger files are rejected with 413.</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// The most bytes one user's attachments may take together (default 200 MB; null for no quota). A file that would
    /// go past it is refused with 413 <c>attachment_quota_exceeded</c>, when declared and again when uploaded.
    /// </summary>
    public long? MaxBytesPerUser { get; set; } = 200L * 1024 * 1024;

    /// <summary>
    /// Accepted MIME types. Types with a known signature (PNG, JPEG, GIF, WebP, PDF) are checked against the bytes;
    /// text types (<c>text/*</c>, <c>application/json</c>) must be valid UTF-8. Anything else is rejected with 415.
    /// </summary>
    public ISet<string> AllowedMimeTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
        "text/plain", "text/markdown", "text/csv", "application/json",
    };

    /// <summary>The longest stored file name (default 200 characters; longer names are shortened, keeping the extension).</summary>
    public int MaxFileNameLength { get; set; } = 200;

    /// <summary>How long a two-phase upload URL stays valid (default 15 minutes).</summary>
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The HMAC-SHA256 key for two-phase upload URLs (at least 32 bytes when set). When null, a random key is created
    /// once and kept in the root directory, encrypted with ASP.NET Core Data Protection.
    /// </summary>
    public byte[]? SigningKey { get; set; }

    /// <summary>Attachments never used in a message are deleted after this long (default 24 hours).</summary>
    public TimeSpan OrphanLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the orphan clean-up runs (default every hour).</summary>
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
