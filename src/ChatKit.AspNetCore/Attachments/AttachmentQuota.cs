using System.Globalization;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>
/// The per-user byte quota of <see cref="DiskAttachmentStore{TContext}"/> (<see cref="ChatKitAttachmentOptions.MaxBytesPerUser"/>):
/// what a user's folder holds (uploaded files and uploads in progress), measured when a file is declared and again
/// when its bytes arrive. Concurrent uploads of one user may overshoot it by at most the files in flight.
/// </summary>
internal static class AttachmentQuota
{
    private const string SidecarSuffix = ".json";

    /// <summary>Refuses <paramref name="adding"/> more bytes when the user's folder would then exceed the quota.</summary>
    /// <exception cref="ChatKitException">413 <c>attachment_quota_exceeded</c>.</exception>
    public static void Check(string userDirectory, long adding, long? quota)
    {
        if (quota is not { } limit)
        {
            return;
        }

        var used = UsedBytes(userDirectory);
        if (used + adding > limit)
        {
            throw new ChatKitException(413, "attachment_quota_exceeded", string.Create(CultureInfo.InvariantCulture,
                $"Your attachments would take {used + adding} bytes; the limit is {limit}. Delete some attachments or threads first."));
        }
    }

    private static long UsedBytes(string userDirectory)
    {
        // Other requests of the user write, rename and delete files in the folder meanwhile: a file (or the folder)
        // that is gone by the time it is measured counts as nothing.
        long used = 0;
        try
        {
            foreach (var file in new DirectoryInfo(userDirectory).EnumerateFiles())
            {
                if (!file.Name.EndsWith(SidecarSuffix, StringComparison.Ordinal))
                {
                    try
                    {
                        used += file.Length;
                    }
                    catch (FileNotFoundException)
                    {
                    }
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }

        return used;
    }
}
