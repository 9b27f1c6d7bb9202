using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>Rejects attachment settings that cannot work, at start rather than on the first upload.</summary>
internal sealed class ChatKitAttachmentOptionsValidator : IValidateOptions<ChatKitAttachmentOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatKitAttachmentOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            failures.Add("ChatKit:Attachments:RootDirectory is required.");
        }

        if (options.MaxFileBytes <= 0)
        {
            failures.Add($"ChatKit:Attachments:MaxFileBytes must be positive (was {options.MaxFileBytes}).");
        }

        if (options.AllowedMimeTypes.Count == 0)
        {
            failures.Add("ChatKit:Attachments:AllowedMimeTypes must name at least one type.");
        }

        if (options.MaxFileNameLength < 8)
        {
            failures.Add($"ChatKit:Attachments:MaxFileNameLength must be at least 8 (was {options.MaxFileNameLength}).");
        }

        if (options.SigningKey is { Length: < 32 })
        {
            failures.Add("ChatKit:Attachments:SigningKey must be at least 32 bytes.");
        }

        foreach (var (key, value) in new[]
        {
            ("UploadUrlLifetime", options.UploadUrlLifetime),
            ("OrphanLifetime", options.OrphanLifetime),
            ("OrphanSweepInterval", options.OrphanSweepInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"ChatKit:Attachments:{key} must be positive (was {value}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
