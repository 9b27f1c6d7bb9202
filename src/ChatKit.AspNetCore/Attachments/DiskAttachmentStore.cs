using System.Globalization;
using ChatKit.AspNetCore.Security;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>
/// Attachments whose bytes live on disk (<see cref="AttachmentFileStore"/>) and whose metadata lives in the
/// <see cref="IStore{TContext}"/> (an <see cref="AttachmentRecord"/> in the private <c>metadata</c>). Supports direct
/// uploads (<see cref="StoreUploadAsync"/>) and two-phase uploads with signed, expiring URLs
/// (<see cref="CreateAttachmentAsync"/> then <see cref="CompleteUploadAsync"/>). Every read checks the owner.
/// </summary>
/// <remarks>
/// Who persists the metadata: the <see cref="IStore{TContext}"/> row is the only copy, and each event has exactly one
/// writer. Protocol requests are the <see cref="ChatKit.Server.ChatKitServer{TContext}"/>'s: it saves what
/// <see cref="CreateAttachmentAsync"/> returns (this class does not), binds attachments to threads, and deletes the row
/// on <c>attachments.delete</c> and with deleted threads (this class then deletes only bytes). This class writes the row
/// only for what the server never sees: a direct upload, the completion of a two-phase upload, and the orphan clean-up.
/// </remarks>
/// <typeparam name="TContext">The request context; its user (see <see cref="UserScope"/>) owns the attachments.</typeparam>
public sealed class DiskAttachmentStore<TContext> : IAttachmentContentStore<TContext>
{
    /// <summary>Upload state of an attachment whose bytes have not arrived yet (two-phase).</summary>
    public const string PendingState = "pending";

    /// <summary>Upload state of an attachment whose bytes are stored.</summary>
    public const string CompleteState = "complete";

    private readonly Func<TContext, string> _user;
    private readonly Func<TContext, HttpContext?> _http;
    private readonly TimeProvider _time;
    private readonly UploadUrlSigner _signer;
    private readonly ChatKitPublicOrigin _publicOrigin;
    private readonly ChatKitMetrics? _metrics;

    /// <summary>Creates the store.</summary>
    /// <param name="store">Where attachment metadata lives.</param>
    /// <param name="options">Limits and locations.</param>
    /// <param name="dataProtection">Protects the generated signing key at rest (unless <see cref="ChatKitAttachmentOptions.SigningKey"/> is set).</param>
    /// <param name="userSelector">The user of a context (default <see cref="UserScope.Default{TContext}"/>).</param>
    /// <param name="httpContextSelector">The HTTP request of a context, for absolute URLs (default: <see cref="ChatKitRequestContext.HttpContext"/>).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="publicOrigin">Where the app is publicly reachable, for upload and preview URLs (default: loopback hosts only).</param>
    /// <param name="metrics">Counts stored bytes (<c>chatkit.attachment.bytes</c>) when set.</param>
    public DiskAttachmentStore(
        IStore<TContext> store,
        ChatKitAttachmentOptions options,
        IDataProtectionProvider? dataProtection = null,
        Func<TContext, string>? userSelector = null,
        Func<TContext, HttpContext?>? httpContextSelector = null,
        TimeProvider? timeProvider = null,
        ChatKitPublicOrigin? publicOrigin = null,
        ChatKitMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            throw new ArgumentException("ChatKitAttachmentOptions.RootDirectory is required.", nameof(options));
        }

        Store = store;
        Options = options;
        Files = new AttachmentFileStore(options.RootDirectory);
        _user = userSelector ?? UserScope.Default<TContext>();
        _http = httpContextSelector ?? (static c => c is ChatKitRequestContext r ? r.HttpContext : null);
        _time = timeProvider ?? TimeProvider.System;
        _signer = UploadUrlSigner.Create(options, Files.RootDirectory, dataProtection);
        _publicOrigin = publicOrigin ?? new ChatKitPublicOrigin(Microsoft.Extensions.Options.Options.Create(new ChatKitSecurityOptions()));
        _metrics = metrics;
    }

    /// <summary>The metadata store.</summary>
    public IStore<TContext> Store { get; }

    /// <summary>The settings.</summary>
    public ChatKitAttachmentOptions Options { get; }

    /// <summary>The bytes on disk.</summary>
    public AttachmentFileStore Files { get; }

    /// <summary>The absolute root directory of the bytes.</summary>
    public string RootDirectory => Files.RootDirectory;

    /// <summary>The folder name of a user: the first 32 hex digits of SHA-256 of the user id.</summary>
    public static string UserKey(string userId) => AttachmentFileStore.UserKey(userId);

    // Where a user's files live, for the quota (what the folder holds is what the user uses).
    private string UserDirectory(string userKey) => Path.Combine(Files.RootDirectory, userKey);

    /// <inheritdoc />
    public string GenerateAttachmentId(string mimeType, TContext context) => IdGenerator.New(StoreItemKind.Attachment);

    /// <summary>
    /// Two-phase step 1: validates the declared file and returns the attachment with a signed upload URL. The server
    /// saves it (see the remarks on who persists metadata).
    /// </summary>
    public ValueTask<Attachment> CreateAttachmentAsync(AttachmentCreateParams input, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mimeType = CheckMimeType(input.MimeType);
        if (input.Size <= 0)
        {
            throw new ChatKitException(400, "empty_file", "The file is empty.");
        }

        if (input.Size > Options.MaxFileBytes)
        {
            throw new ChatKitException(413, "file_too_large", $"The file is larger than {Options.MaxFileBytes} bytes.");
        }

        var userId = _user(context);
        var userKey = UserKey(userId);
        AttachmentQuota.Check(UserDirectory(userKey), input.Size, Options.MaxBytesPerUser);
        var id = GenerateAttachmentId(mimeType, context);
        var baseUrl = ChatKitBaseUrl(context, null);
        var created = _time.GetUtcNow();
        var expires = created.Add(Options.UploadUrlLifetime).ToUnixTimeSeconds();
        var signature = _signer.Sign(id, userKey, expires, input.Size, mimeType);
        var record = new AttachmentRecord(userKey, created, PendingState, DeclaredSize: input.Size);
        var attachment = Build(id, SanitizeName(input.Name), mimeType, baseUrl, record);
        attachment.UploadDescriptor = new UploadDescriptor
        {
            Url = $"{baseUrl}/upload/{id}?exp={expires.ToString(CultureInfo.InvariantCulture)}&sig={signature}",
            Method = "POST",
        };
        Files.WriteIndex(userId, id, created);
        return ValueTask.FromResult(attachment);
    }

    /// <summary>
    /// Direct upload: stores <paramref name="content"/>, checks size, type and bytes, saves the metadata and returns the attachment.
    /// </summary>
    /// <param name="content">The file bytes.</param>
    /// <param name="fileName">The client's file name (sanitized here).</param>
    /// <param name="mimeType">The client's content type.</param>
    /// <param name="context">The request context.</param>
    /// <param name="chatKitBaseUrl">
    /// The absolute public URL of the ChatKit endpoint, for the preview URL (default: from the public origin and the
    /// context's request path). Pass only trusted values: the URL is stored.
    /// </param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Attachment> StoreUploadAsync(Stream content, string? fileName, string? mimeType, TContext context, string? chatKitBaseUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var type = CheckMimeType(mimeType);
        var userId = _user(context);
        var userKey = UserKey(userId);
        var id = GenerateAttachmentId(type, context);
        var baseUrl = ChatKitBaseUrl(context, chatKitBaseUrl);
        var created = _time.GetUtcNow();
        AttachmentQuota.Check(UserDirectory(userKey), 0, Options.MaxBytesPerUser);
        var (size, sha) = await Files.WriteAsync(userKey, id, content, type, Options.MaxFileBytes, declaredSize: null, cancellationToken).ConfigureAwait(false);
        try
        {
            // The size is known only now; the file itself is part of the folder being measured.
            AttachmentQuota.Check(UserDirectory(userKey), 0, Options.MaxBytesPerUser);
        }
        catch (ChatKitException)
        {
            Files.Delete(userKey, id);
            throw;
        }

        _metrics?.AddAttachmentBytes(size);
        var attachment = Build(id, SanitizeName(fileName), type, baseUrl, new AttachmentRecord(userKey, created, CompleteState, Size: size, Sha256: sha));
        Files.WriteIndex(userId, id, created);
        try
        {
            await Store.SaveAttachmentAsync(attachment, context, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Files.Delete(userKey, id);
            throw;
        }

        return attachment;
    }

    /// <summary>
    /// Two-phase step 2: checks the signature, expiry, declared size and type, stores the bytes, clears the upload
    /// descriptor and re-saves the attachment. Of simultaneous uploads to one URL exactly one succeeds.
    /// </summary>
    /// <exception cref="ChatKitException">403 bad signature, 410 expired, 404 unknown id, 409 already (being) uploaded, 400/413/415 bad file.</exception>
    public async Task<Attachment> CompleteUploadAsync(string attachmentId, string? expires, string? signature, Stream content, string? mimeType, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        CheckId(attachmentId);
        var userKey = UserKey(_user(context));
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var exp) || string.IsNullOrEmpty(signature))
        {
            throw new ChatKitException(403, "invalid_signature", "The upload URL is not signed.");
        }

        var attachment = await Store.LoadAttachmentAsync(attachmentId, context, cancellationToken).ConfigureAwait(false);
        var record = AttachmentRecord.Read(attachment.Metadata);
        if (record is null || !_signer.IsValid(attachment.Id, userKey, exp, record.DeclaredSize ?? -1, attachment.MimeType, signature))
        {
            throw new ChatKitException(403, "invalid_signature", "The upload URL signature is not valid.");
        }

        if (_time.GetUtcNow().ToUnixTimeSeconds() > exp)
        {
            throw new ChatKitException(410, "upload_expired", "The upload URL has expired; create the attachment again.");
        }

        if (record.State != PendingState)
        {
            throw new ChatKitException(409, "already_uploaded", "This attachment was already uploaded.");
        }

        if (!string.IsNullOrEmpty(mimeType) && mimeType != "application/octet-stream" && AttachmentContent.NormalizeMimeType(mimeType) != attachment.MimeType)
        {
            throw new ChatKitException(415, "unsupported_media_type", $"The upload is '{AttachmentContent.NormalizeMimeType(mimeType)}' but '{attachment.MimeType}' was declared.");
        }

        // The file store makes this atomic: a second upload racing this one gets 409 and leaves these bytes alone.
        AttachmentQuota.Check(UserDirectory(userKey), record.DeclaredSize ?? 0, Options.MaxBytesPerUser);
        var (size, sha) = await Files.WriteAsync(userKey, attachment.Id, content, attachment.MimeType, Options.MaxFileBytes, record.DeclaredSize, cancellationToken).ConfigureAwait(false);
        _metrics?.AddAttachmentBytes(size);
        attachment.Metadata = (record with { State = CompleteState, Size = size, Sha256 = sha }).WriteTo(attachment.Metadata ?? [], attachment.Id);
        attachment.UploadDescriptor = null;
        await Store.SaveAttachmentAsync(attachment, context, cancellationToken).ConfigureAwait(false);

        // attachments.delete removes the bytes, then the row: one that came between the rename above and this save
        // left a row without bytes (this save wrote it back). The row goes too, and the upload is told so.
        if (!File.Exists(Files.BytesPath(userKey, attachment.Id)))
        {
            await Store.DeleteAttachmentAsync(attachment.Id, context, CancellationToken.None).ConfigureAwait(false);
            throw new ChatKitNotFoundException($"Attachment '{attachment.Id}' was deleted during its upload.");
        }

        return attachment;
    }

    /// <summary>Loads an uploaded attachment of the context's user and the path of its bytes.</summary>
    /// <exception cref="ChatKitNotFoundException">Unknown, another user's, or not uploaded yet.</exception>
    public async Task<(Attachment Attachment, string Path)> OpenAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        CheckId(attachmentId);
        var userKey = UserKey(_user(context));
        var attachment = await Store.LoadAttachmentAsync(attachmentId, context, cancellationToken).ConfigureAwait(false);
        var record = AttachmentRecord.Read(attachment.Metadata);
        var path = Files.BytesPath(userKey, attachment.Id);
        if (record?.Owner != userKey || record.State != CompleteState || !File.Exists(path))
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
        var owner = AttachmentRecord.Read(attachment.Metadata)?.Owner;
        if (!AttachmentFileStore.IsValidUserKey(owner) || !AttachmentFileStore.IsValidId(attachment.Id))
        {
            return null;
        }

        var path = Files.BytesPath(owner!, attachment.Id);
        if (!File.Exists(path))
        {
            return null;
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores content the server produced (e.g. a generated image) like a direct upload: same checks, same quota.
    /// </summary>
    public async ValueTask<Attachment> StoreContentAsync(ReadOnlyMemory<byte> content, string name, string mimeType, TContext context, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        return await StoreUploadAsync(stream, name, mimeType, context, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bytes of one of the context user's attachments, or null when they are not stored (yet).</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> LoadContentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        if (!AttachmentFileStore.IsValidId(attachmentId))
        {
            return null;
        }

        var path = Files.BytesPath(UserKey(_user(context)), attachmentId);
        if (!File.Exists(path))
        {
            return null;
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the files of one of the context user's attachments; the server deletes its metadata.</summary>
    public ValueTask DeleteAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        CheckId(attachmentId);
        Files.Delete(UserKey(_user(context)), attachmentId);
        return ValueTask.CompletedTask;
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
        foreach (var entry in Files.EnumerateIndex())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Created > cutoff)
            {
                continue;
            }

            var context = contextForUser(entry.Owner);
            bool orphan;
            try
            {
                var attachment = await Store.LoadAttachmentAsync(entry.Id, context, cancellationToken).ConfigureAwait(false);
                orphan = attachment.ThreadId is null || !await ThreadExistsAsync(attachment.ThreadId, context, cancellationToken).ConfigureAwait(false);
            }
            catch (ChatKitNotFoundException)
            {
                orphan = true;
            }

            if (orphan)
            {
                Files.Delete(UserKey(entry.Owner), entry.Id);
                await Store.DeleteAttachmentAsync(entry.Id, context, cancellationToken).ConfigureAwait(false);
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

    private string SanitizeName(string? name) => AttachmentContent.SanitizeFileName(name, Options.MaxFileNameLength);

    private static void CheckId(string id)
    {
        if (!AttachmentFileStore.IsValidId(id))
        {
            throw new ChatKitNotFoundException($"Attachment '{id}' not found.");
        }
    }

    private static Attachment Build(string id, string name, string mimeType, string baseUrl, AttachmentRecord record)
    {
        var metadata = record.WriteTo([], id);
        return AttachmentContent.IsImage(mimeType)
            ? new ImageAttachment { Id = id, Name = name, MimeType = mimeType, PreviewUrl = $"{baseUrl}/attachments/{id}/preview", Metadata = metadata }
            : new FileAttachment { Id = id, Name = name, MimeType = mimeType, Metadata = metadata };
    }

    /// <summary>
    /// The public URL of the ChatKit endpoint. These URLs are stored, so the request's Host header (client input) is
    /// only used when it is trusted; see <see cref="ChatKitPublicOrigin"/>.
    /// </summary>
    private string ChatKitBaseUrl(TContext context, string? explicitBase)
    {
        if (explicitBase is not null)
        {
            return explicitBase.TrimEnd('/');
        }

        var http = _http(context) ?? throw new InvalidOperationException("DiskAttachmentStore needs the HTTP request (ChatKitRequestContext.HttpContext or an httpContextSelector) to build URLs.");
        return _publicOrigin.Url(http.Request, http.Request.Path.Value ?? "").TrimEnd('/');
    }
}
