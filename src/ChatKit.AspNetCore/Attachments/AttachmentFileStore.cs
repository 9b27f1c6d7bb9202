using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>
/// The bytes of attachments on disk: <c>{root}/{user key}/{id}</c>, written through <c>{id}.part</c>, plus a small
/// <c>{id}.json</c> index entry (id, owner, creation time) that lets the orphan clean-up find files whose metadata
/// it must check. The index entry is not metadata: the attachment's record lives in the <see cref="ChatKit.Stores.IStore{TContext}"/>.
/// </summary>
public sealed class AttachmentFileStore
{
    private const string IndexSuffix = ".json";
    private const string TempSuffix = ".part";
    private const int BufferSize = 81920;

    /// <summary>Creates the store below <paramref name="rootDirectory"/> (created if missing).</summary>
    public AttachmentFileStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(RootDirectory);
    }

    /// <summary>The absolute root directory.</summary>
    public string RootDirectory { get; }

    /// <summary>The folder name of a user: the first 32 hex digits of SHA-256 of the user id.</summary>
    public static string UserKey(string userId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..32];

    /// <summary>Whether <paramref name="id"/> is safe as a file name: <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Whether <paramref name="userKey"/> is a user key (32 lower-case hex digits).</summary>
    public static bool IsValidUserKey(string? userKey) => userKey is { Length: 32 } && userKey.All(char.IsAsciiHexDigitLower);

    /// <summary>The path of an attachment's bytes (which may not exist).</summary>
    public string BytesPath(string userKey, string id)
    {
        if (!IsValidUserKey(userKey) || !IsValidId(id))
        {
            throw new ArgumentException("Not a valid user key or attachment id.");
        }

        return Path.Combine(RootDirectory, userKey, id);
    }

    /// <summary>
    /// Stores the bytes of a new attachment, checking size, emptiness and that the bytes are <paramref name="mimeType"/>.
    /// Concurrent writers of one id cannot interfere: the temporary file is created exclusively and the finished file is
    /// never replaced, so exactly one writer wins and the others get 409 without touching its files.
    /// </summary>
    /// <param name="userKey">The owner's user key.</param>
    /// <param name="id">The attachment id.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="mimeType">The type the bytes must be.</param>
    /// <param name="maxFileBytes">The size limit (413 above it).</param>
    /// <param name="declaredSize">The exact size announced in advance, if any (400 <c>size_mismatch</c> otherwise).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The size and SHA-256 (lower-case hex) of the stored bytes.</returns>
    /// <exception cref="ChatKitException">409 another upload of this id is running or done; 413/400/415 bad file.</exception>
    public async Task<(long Size, string Sha256)> WriteAsync(
        string userKey, string id, Stream content, string mimeType, long maxFileBytes, long? declaredSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var final = BytesPath(userKey, id);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temp = final + TempSuffix;
        if (File.Exists(final))
        {
            throw AlreadyUploaded();
        }

        var file = ClaimTemporaryFile(temp, final);
        var limit = Math.Min(declaredSize ?? long.MaxValue, maxFileBytes);
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    size += read;
                    if (size > limit)
                    {
                        throw size > maxFileBytes
                            ? new ChatKitException(413, "file_too_large", $"The file is larger than {maxFileBytes} bytes.")
                            : new ChatKitException(400, "size_mismatch", $"The upload is larger than the declared {declaredSize} bytes.");
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            if (size == 0)
            {
                throw new ChatKitException(400, "empty_file", "The file is empty.");
            }

            if (declaredSize is { } declared && size != declared)
            {
                throw new ChatKitException(400, "size_mismatch", $"The upload has {size} bytes but {declared} were declared.");
            }

            if (!AttachmentContent.Matches(mimeType, temp))
            {
                throw new ChatKitException(415, "content_mismatch", $"The file's content is not '{mimeType}'.");
            }

            try
            {
                // Never overwrite: a finished upload is final.
                File.Move(temp, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                throw AlreadyUploaded();
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // The claim was removed while the bytes arrived: the attachment was deleted (attachments.delete, or its
            // thread) during its upload.
            throw new ChatKitNotFoundException($"Attachment '{id}' was deleted during its upload.");
        }
        catch
        {
            // Only this writer's own temporary file: the claim above guarantees nobody else is using it.
            TryDelete(temp);
            throw;
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Records (or replaces) the index entry of an attachment.</summary>
    public void WriteIndex(string userId, string id, DateTimeOffset created)
    {
        var path = BytesPath(UserKey(userId), id) + IndexSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = new JsonObject
        {
            ["id"] = id,
            ["owner"] = userId,
            ["created"] = created.ToString("O", CultureInfo.InvariantCulture),
        };
        File.WriteAllText(path, json.ToJsonString());
    }

    /// <summary>All readable index entries (unreadable or foreign files are skipped).</summary>
    public IEnumerable<AttachmentIndexEntry> EnumerateIndex()
    {
        foreach (var path in Directory.EnumerateFiles(RootDirectory, "*" + IndexSuffix, SearchOption.AllDirectories))
        {
            AttachmentIndexEntry? entry;
            try
            {
                entry = JsonNode.Parse(File.ReadAllBytes(path)) is JsonObject o
                    && (string?)o["id"] is { } id && IsValidId(id) && (string?)o["owner"] is { } owner
                    && DateTimeOffset.TryParse((string?)o["created"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created)
                    ? new AttachmentIndexEntry(id, owner, created)
                    : null;
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
            {
                continue;
            }

            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Deletes everything stored for an attachment: bytes, a leftover temporary file and the index entry.</summary>
    public void Delete(string userKey, string id)
    {
        var path = BytesPath(userKey, id);
        TryDelete(path);
        TryDelete(path + TempSuffix);
        TryDelete(path + IndexSuffix);
    }

    // CreateNew is the claim: it fails when another upload of this id holds the temporary file. That upload may end
    // between the failure and the checks (its file then has the final name, or was deleted because it failed), so both
    // names are looked at, and a claim freed meanwhile is taken again.
    private static FileStream ClaimTemporaryFile(string temp, string final)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            }
            catch (IOException) when (File.Exists(final))
            {
                throw AlreadyUploaded();
            }
            catch (IOException) when (File.Exists(temp))
            {
                throw new ChatKitException(409, "upload_in_progress", "Another upload of this attachment is in progress.");
            }
            catch (IOException) when (attempt < 3)
            {
                // Neither file: the other upload failed and removed its claim.
            }
        }
    }

    private static ChatKitException AlreadyUploaded() => new(409, "already_uploaded", "This attachment was already uploaded.");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
