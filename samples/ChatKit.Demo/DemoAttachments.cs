using ChatKit.AspNetCore.Attachments;

namespace ChatKit.Demo;

/// <summary>
/// Attachment settings of the demo: bytes in <c>{DataDirectory}/attachments</c>; <c>ChatKit:Attachments:MaxFileBytes</c>,
/// <c>ChatKit:Attachments:MaxBytesPerUser</c>, <c>ChatKit:Attachments:OrphanLifetime</c>, <c>ChatKit:Attachments:UploadUrlLifetime</c> and
/// <c>ChatKit:Attachments:AllowedMimeTypes</c> (comma-separated) override the defaults.
/// </summary>
internal static class DemoAttachments
{
    public static void Configure(ChatKitAttachmentOptions options, IConfiguration configuration, string dataDirectory)
    {
        var section = configuration.GetSection("ChatKit:Attachments");
        options.RootDirectory = Path.Combine(dataDirectory, "attachments");
        options.MaxFileBytes = section.GetValue<long?>("MaxFileBytes") ?? options.MaxFileBytes;
        options.MaxBytesPerUser = section.GetValue<long?>("MaxBytesPerUser") ?? options.MaxBytesPerUser;
        options.OrphanLifetime = section.GetValue<TimeSpan?>("OrphanLifetime") ?? options.OrphanLifetime;
        options.UploadUrlLifetime = section.GetValue<TimeSpan?>("UploadUrlLifetime") ?? options.UploadUrlLifetime;
        if (section["AllowedMimeTypes"] is { Length: > 0 } allowed)
        {
            options.AllowedMimeTypes.Clear();
            foreach (var type in allowed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.AllowedMimeTypes.Add(type);
            }
        }
    }
}
