using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>
/// Keeps attachment bytes on disk under <c>{root}/{user hash}/{id}</c> and their metadata in the <see cref="IStore{TContext}"/>
/// (private <c>metadata</c>: size, sha256, stored path, owner hash, created time, upload state). Supports direct
/// uploads (<see cref="StoreUploadAsync"/>) and two-phase uploads with HMAC-signed, expiring URLs
/// (<see cref="CreateAttachmentAsync"/> then <see cref="CompleteUploadAsync"/>). Every read checks the owner.
/// </summary>
/// <typeparam name="TContext">The request context; its user (see <see cref="UserScope"/>) owns the attachments.</typeparam>
public sealed class DiskAttachmentStore<TContext> : IAttachmentStore<TContext>
{
    /// <summary>Upload state of an attachment whose bytes have not arrived yet (two-phase).</summary>
    public const string PendingState = "pending";

    /// <summary>Upload state of an attachment whose bytes are stored.</summary>
    public const string CompleteState = "complete";

    private const string SidecarSuffix = ".json";
    private const string TempSuffix = ".part";
    private readonly Func<TContext, string> _user;
    private readonly Func<TContext, HttpContext?> _http;
    private readonly TimeProvider _time;
    private readonly byte[] _signingKey;

    /// <summary>Creates the store.</summary>
    /// <param name="store">Where attachment metadata lives.</param>
    /// <param name="options">Limits and locations.</param>
    /// <param name="dataProtection">Protects the generated signing key at rest (unless <see cref="ChatKitAttachmentOptions.SigningKey"/> is set).</param>
    /// <param name="userSelector">The user of a context (default <see cref="UserScope.Default{TContext}"/>).</param>
    /// <param name="httpContextSelector">The HTTP request of a context, for absolute URLs (default: <see cref="ChatKitRequestContext.HttpContext"/>).</param>
    /// <param name="timeProvider">The clock.</param>
    public DiskAttachmentStore(
        IStore<TContext> store,
        ChatKitAttachmentOptions options,
        IDataProtectionProvider? dataProtection = null,
        Func<TContext, string>? userSelector = null,
        Func<TContext, HttpContext?>? httpContextSelector = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            throw new ArgumentException("ChatKitAttachmentOptions.RootDirectory is required.", nameof(options));
        }

        Store = store;
        Options = options;
        RootDirectory = Path.GetFullPath(options.RootDirectory);
        Directory.CreateDirectory(RootDirectory);
        _user = userSelector ?? UserScope.Default<TContext>();
        _http = httpContextSelector ?? (static c => c is ChatKitRequestContext r ? r.HttpContext : null);
        _time = timeProvider ?? TimeProvider.System;
        _signingKey = options.SigningKey ?? LoadOrCreateKey(RootDirectory, dataProtection);
        if (_signingKey.Length < 32)
        {
            throw new ArgumentException("The upload signing key must be at least 32 bytes.", nameof(options));
        }
    }

    /// <summary>The metadata store.</summary>
    public IStore<TContext> Store { get; }

    /// <summary>The settings.</summary>
    public ChatKitAttachmentOptions Options { get; }

    /// <summary>The absolute root directory of the bytes.</summary>
    public string RootDirectory { get; }

    /// <summary>The folder name of a user: the first 32 hex digits of SHA-256 of the user id.</summary>
    public static string UserKey(string userId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..32];

    /// <inheritdoc />
    public string GenerateAttachmentId(string mimeType, TContext context) => IdGenerator.New(StoreItemKind.Attachment);

    /// <summary>Two-phase step 1: validates the declared file and returns the attachment with a signed upload URL.</summary>
    public ValueTask<Attachment> CreateAttachmentAsync(AttachmentCreateParams input, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mimeType = CheckMimeType(input.MimeType);
        if (input.Size <= 0)
        {
            throw new ChatKitException(400, "empty_file", "The file is empty.");
        }

        CheckSize(input.Size);
        var userId = _user(context);
        AttachmentQuota.Check(UserDirectory(userId), input.Size, Options.MaxBytesPerUser);
        var id = GenerateAttachmentId(mimeType, context);
        var baseUrl = ChatKitBaseUrl(context, null);
        var created = _time.GetUtcNow();
        var expires = created.Add(Options.UploadUrlLifetime).ToUnixTimeSeconds();
        var signature = Sign(id, UserKey(userId), expires, input.Size, mimeType);
        var metadata = NewMetadata(userId, created, PendingState);
        metadata["declared_size"] = input.Size;
        var attachment = Build(id, SanitizeName(input.Name), mimeType, baseUrl, metadata);
        attachment.UploadDescriptor = new UploadDescriptor
        {
            Url = $"{baseUrl}/upload/{id}?exp={expires.ToString(CultureInfo.InvariantCulture)}&sig={signature}",
            Method = "POST",
        };
        WriteSidecar(userId, id, created, PendingState);
        return ValueTask.FromResult(attachment);
    }

    /// <summary>
    /// Direct upload: stores <paramref name="content"/>, checks size, type and bytes, saves the metadata and returns the attachment.
    /// </summary>
    /// <param name="content">The file bytes.</param>
    /// <param name="fileName">The client's file name (sanitized here).</param>
    /// <param name="mimeType">The client's content type.</param>
    /// <param name="context">The request context.</param>
    /// <param name="chatKitBaseUrl">The absolute URL of the ChatKit endpoint, for the preview URL (default: from the context's request).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Attachment> StoreUploadAsync(Stream content, string? fileName, string? mimeType, TContext context, string? chatKitBaseUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var type = CheckMimeType(mimeType);
        var userId = _user(context);
        var id = GenerateAttachmentId(type, context);
        var created = _time.GetUtcNow();
        AttachmentQuota.Check(UserDirectory(userId), 0, Options.MaxBytesPerUser);
        var (size, sha) = await WriteBytesAsync(userId, id, content, type, Options.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            // The size is known only now; the file itself is part of the folder being measured.
            AttachmentQuota.Check(UserDirectory(userId), 0, Options.MaxBytesPerUser);
        }
        catch (ChatKitException)
        {
            DeleteBytes(userId, id);
            throw;
        }

        var metadata = NewMetadata(userId, created, CompleteState);
        metadata["size"] = size;
        metadata["sha256"] = sha;
        var attachment = Build(id, SanitizeName(fileName), type, ChatKitBaseUrl(context, chatKitBaseUrl), metadata);
        WriteSidecar(userId, id, created, CompleteState);
        try
        {
            await Store.SaveAttachmentAsync(attachment, context, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            DeleteFiles(userId, id);
            throw;
        }

        return attachment;
    }

    /// <summary>
    /// Two-phase step 2: checks the signature, expiry, declared size and type, stores the bytes, clears the upload
    /// descriptor and re-saves the attachment.
    /// </summary>
    /// <exception cref="ChatKitException">403 bad signature, 410 expired, 404 unknown id, 409 already uploaded, 400/413/415 bad file.</exception>
    public async Task<Attachment> CompleteUploadAsync(string attachmentId, string? expires, string? signature, Stream content, string? mimeType, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        CheckId(attachmentId);
        var userId = _user(context);
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var exp) || string.IsNullOrEmpty(signature))
        {
            throw new ChatKitException(403, "invalid_signature", "The upload URL is not signed.");
        }

        var attachment = await Store.LoadAttachmentAsync(attachmentId, context, cancellationToken).ConfigureAwait(false);
        var metadata = attachment.Metadata ?? [];
        var declaredSize = metadata["declared_size"]?.GetValue<long>() ?? -1;
        var expected = Sign(attachment.Id, UserKey(userId), exp, declaredSize, attachment.MimeType);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            throw new ChatKitException(403, "invalid_signature", "The upload URL signature is not valid.");
        }

        if (_time.GetUtcNow().ToUnixTimeSeconds() > exp)
        {
            throw new ChatKitException(410, "upload_expired", "The upload URL has expired; create the attachment again.");
        }

        if ((string?)metadata["state"] != PendingState)
        {
            throw new ChatKitException(409, "already_uploaded", "This attachment was already uploaded.");
        }

        if (!string.IsNullOrEmpty(mimeType) && mimeType != "application/octet-stream" && AttachmentContent.NormalizeMimeType(mimeType) != attachment.MimeType)
        {
            throw new ChatKitException(415, "unsupported_media_type", $"The upload is '{AttachmentContent.NormalizeMimeType(mimeType)}' but '{attachment.MimeType}' was declared.");
        }

        AttachmentQuota.Check(UserDirectory(userId), declaredSize, Options.MaxBytesPerUser);
        var (size, sha) = await WriteBytesAsync(userId, attachment.Id, content, attachment.MimeType, declaredSize, cancellationToken).ConfigureAwait(false);
        if (size != declaredSize)
        {
            DeleteBytes(userId, attachment.Id);
            throw new ChatKitException(400, "size_mismatch", $"The upload has {size} bytes but {declaredSize} were declared.");
        }

        metadata["size"] = size;
        metadata["sha256"] = sha;
        metadata["state"] = CompleteState;
        attachment.Metadata = metadata;
        attachment.UploadDescriptor = null;
        WriteSidecar(userId, attachment.Id, ReadCreated(metadata), CompleteState);
        await Store.SaveAttachmentAsync(attachment, context, cancellationToken).ConfigureAwait(false);
        return attachment;
    }

    /// <summary>Loads an uploaded attachment of the context's user and the path of its bytes.</summary>
    /// <exception cref="ChatKitNotFoundException">Unknown, another user's, or not uploaded yet.</exception>
    public async Task<(Attachment Attachment, string Path)> OpenAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        CheckId(attachmentId);
        var userId = _user(context);
        var attachment = await Store.LoadAttachmentAsync(attachmentId, context, cancellationToken).ConfigureAwait(false);
        var owner = (string?)attachment.Metadata?["owner"];
        var path = BytesPath(userId, attachment.Id);
        if (owner != UserKey(userId) || (string?)attachment.Metadata?["state"] != CompleteState || !File.Exists(path))
        {
            throw new ChatKitNotFoundException($"Attachment '{attachmentId}' not found.");
        }

        return (attachment, path);
    }

    /// <summary>The bytes of an uploaded attachment of the context's user, or null if there are none.</summary>
    public async Task<byte[]?> ReadBytesAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var (_, path) = await OpenAsync(attachmentId, context, cancellationToken).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (ChatKitNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The bytes of an attachment as stored in a thread item (its private metadata names the owner), or null when
    /// they are not available. Plug it into the AI bridge: <c>new ThreadItemConverter(store.LoadBytesAsync)</c>.
    /// Only use it with attachments read from the store (thread items are already scoped to their user).
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> LoadBytesAsync(Attachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var owner = (string?)attachment.Metadata?["owner"];
        if (owner is not { Length: 32 } || !owner.All(char.IsAsciiHexDigitLower) || !IsValidId(attachment.Id))
        {
            return null;
        }

        var path = Path.Combine(RootDirectory, owner, attachment.Id);
        if (!File.Exists(path))
        {
            return null;
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the bytes (and the bookkeeping file) of one of the context user's attachments.</summary>
    public ValueTask DeleteAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        CheckId(attachmentId);
        DeleteFiles(_user(context), attachmentId);
        return ValueTask.CompletedTask;
    }

    /// <summary>Deletes bytes and metadata of attachments (e.g. those of a deleted thread).</summary>
    public async Task DeleteAttachmentsAsync(IEnumerable<string> attachmentIds, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachmentIds);
        foreach (var id in attachmentIds.Distinct(StringComparer.Ordinal))
        {
            if (IsValidId(id))
            {
                DeleteFiles(_user(context), id);
                await Store.DeleteAttachmentAsync(id, context, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Deletes attachments older than <see cref="ChatKitAttachmentOptions.OrphanLifetime"/> that were never used in a
    /// message, whose thread no longer exists, or whose metadata is gone. Returns how many were deleted.
    /// </summary>
    /// <param name="contextForUser">Builds a context for a stored owner id (to reach the metadata store).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<int> SweepOrphansAsync(Func<string, TContext> contextForUser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contextForUser);
        var cutoff = _time.GetUtcNow() - Options.OrphanLifetime;
        var deleted = 0;
        foreach (var sidecar in Directory.EnumerateFiles(RootDirectory, "*" + SidecarSuffix, SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Sidecar? info;
            try
            {
                info = JsonNode.Parse(File.ReadAllBytes(sidecar)) is JsonObject o
                    && (string?)o["id"] is { } sid && (string?)o["owner"] is { } sowner
                    && DateTimeOffset.TryParse((string?)o["created"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var screated)
                    ? new Sidecar(sid, sowner, screated, (string?)o["state"] ?? "")
                    : null;
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                continue;
            }

            if (info is null || info.Created > cutoff || !IsValidId(info.Id))
            {
                continue;
            }

            var context = contextForUser(info.Owner);
            bool orphan;
            try
            {
                var attachment = await Store.LoadAttachmentAsync(info.Id, context, cancellationToken).ConfigureAwait(false);
                orphan = attachment.ThreadId is null || !await ThreadExistsAsync(attachment.ThreadId, context, cancellationToken).ConfigureAwait(false);
            }
            catch (ChatKitNotFoundException)
            {
                orphan = true;
            }

            if (orphan)
            {
                DeleteFiles(info.Owner, info.Id);
                await Store.DeleteAttachmentAsync(info.Id, context, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }

        return deleted;
    }

    private async Task<bool> ThreadExistsAsync(string threadId, TContext context, CancellationToken cancellationToken)
    {
        try
        {
            await Store.LoadThreadAsync(threadId, context, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChatKitNotFoundException)
        {
            return false;
        }
    }

    private string CheckMimeType(string? mimeType)
    {
        var type = AttachmentContent.NormalizeMimeType(mimeType);
        if (type.Length == 0 || !Options.AllowedMimeTypes.Contains(type))
        {
            throw new ChatKitException(415, "unsupported_media_type", $"Files of type '{(type.Length == 0 ? "(none)" : type)}' are not accepted.");
        }

        return type;
    }

    private void CheckSize(long size)
    {
        if (size > Options.MaxFileBytes)
        {
            throw new ChatKitException(413, "file_too_large", $"The file is larger than {Options.MaxFileBytes} bytes.");
        }
    }

    private string SanitizeName(string? name) => AttachmentContent.SanitizeFileName(name, Options.MaxFileNameLength);

    private static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static void CheckId(string id)
    {
        if (!IsValidId(id))
        {
            throw new ChatKitNotFoundException($"Attachment '{id}' not found.");
        }
    }

    private string UserDirectory(string userId) => Path.Combine(RootDirectory, UserKey(userId));

    private string BytesPath(string userId, string id) => Path.Combine(UserDirectory(userId), id);

    private JsonObject NewMetadata(string userId, DateTimeOffset created, string state) => new()
    {
        ["owner"] = UserKey(userId),
        ["path"] = UserKey(userId) + "/",
        ["created_at"] = created.ToString("O", CultureInfo.InvariantCulture),
        ["state"] = state,
    };

    private static DateTimeOffset ReadCreated(JsonObject metadata) =>
        DateTimeOffset.TryParse((string?)metadata["created_at"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created) ? created : DateTimeOffset.UtcNow;

    private static Attachment Build(string id, string name, string mimeType, string baseUrl, JsonObject metadata)
    {
        metadata["path"] = (string?)metadata["path"] + id;
        return AttachmentContent.IsImage(mimeType)
            ? new ImageAttachment { Id = id, Name = name, MimeType = mimeType, PreviewUrl = $"{baseUrl}/attachments/{id}/preview", Metadata = metadata }
            : new FileAttachment { Id = id, Name = name, MimeType = mimeType, Metadata = metadata };
    }

    private string ChatKitBaseUrl(TContext context, string? explicitBase)
    {
        if (explicitBase is not null)
        {
            return explicitBase.TrimEnd('/');
        }

        var http = _http(context) ?? throw new InvalidOperationException("DiskAttachmentStore needs the HTTP request (ChatKitRequestContext.HttpContext or an httpContextSelector) to build URLs.");
        var request = http.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}".TrimEnd('/');
    }

    private async Task<(long Size, string Sha256)> WriteBytesAsync(string userId, string id, Stream content, string mimeType, long limit, CancellationToken cancellationToken)
    {
        var directory = UserDirectory(userId);
        Directory.CreateDirectory(directory);
        var final = BytesPath(userId, id);
        var temp = final + TempSuffix;
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    size += read;
                    if (size > Math.Min(limit, Options.MaxFileBytes))
                    {
                        throw size > Options.MaxFileBytes
                            ? new ChatKitException(413, "file_too_large", $"The file is larger than {Options.MaxFileBytes} bytes.")
                            : new ChatKitException(400, "size_mismatch", $"The upload is larger than the declared {limit} bytes.");
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            if (size == 0)
            {
                throw new ChatKitException(400, "empty_file", "The file is empty.");
            }

            if (!AttachmentContent.Matches(mimeType, temp))
            {
                throw new ChatKitException(415, "content_mismatch", $"The file's content is not '{mimeType}'.");
            }

            File.Move(temp, final, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private void WriteSidecar(string userId, string id, DateTimeOffset created, string state)
    {
        Directory.CreateDirectory(UserDirectory(userId));
        var json = new JsonObject
        {
            ["id"] = id,
            ["owner"] = userId,
            ["created"] = created.ToString("O", CultureInfo.InvariantCulture),
            ["state"] = state,
        };
        File.WriteAllText(BytesPath(userId, id) + SidecarSuffix, json.ToJsonString());
    }

    private void DeleteBytes(string userId, string id) => TryDelete(BytesPath(userId, id));

    private void DeleteFiles(string userId, string id)
    {
        TryDelete(BytesPath(userId, id));
        TryDelete(BytesPath(userId, id) + SidecarSuffix);
    }

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

    private string Sign(string id, string userKey, long expires, long size, string mimeType)
    {
        var payload = string.Join('\n', "chatkit-upload-v1", id, userKey, expires.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture), mimeType);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes(payload)));
    }

    private static byte[] LoadOrCreateKey(string root, IDataProtectionProvider? dataProtection)
    {
        if (dataProtection is null)
        {
            // Without Data Protection the key lives in memory: upload URLs do not survive a restart.
            return RandomNumberGenerator.GetBytes(32);
        }

        var protector = dataProtection.CreateProtector("ChatKit.Attachments.UploadSigningKey");
        var path = Path.Combine(root, ".upload-key");
        if (File.Exists(path))
        {
            try
            {
                return protector.Unprotect(File.ReadAllBytes(path));
            }
            catch (CryptographicException)
            {
                // Keys rotated away: make a new one (outstanding upload URLs become invalid).
            }
        }

        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllBytes(path, protector.Protect(key));
        return key;
    }

    private sealed record Sidecar(string Id, string Owner, DateTimeOffset Created, string State);
}
