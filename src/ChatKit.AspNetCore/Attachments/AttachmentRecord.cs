using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>
/// The private bookkeeping of a disk-stored attachment, kept in <see cref="Attachment.Metadata"/> (never sent to
/// clients). The <see cref="ChatKit.Stores.IStore{TContext}"/> row holding it is the only copy of this metadata.
/// </summary>
/// <param name="Owner">The owner's user key (<see cref="AttachmentFileStore.UserKey"/>).</param>
/// <param name="CreatedAt">When the attachment was created.</param>
/// <param name="State"><see cref="DiskAttachmentStore{TContext}.PendingState"/> or <see cref="DiskAttachmentStore{TContext}.CompleteState"/>.</param>
/// <param name="DeclaredSize">The size announced by <c>attachments.create</c> (two-phase only).</param>
/// <param name="Size">The stored size in bytes, once uploaded.</param>
/// <param name="Sha256">The SHA-256 of the stored bytes (lower-case hex), once uploaded.</param>
public sealed record AttachmentRecord(string Owner, DateTimeOffset CreatedAt, string State, long? DeclaredSize = null, long? Size = null, string? Sha256 = null)
{
    /// <summary>Writes the record into <paramref name="metadata"/> (other keys are kept) and returns it.</summary>
    public JsonObject WriteTo(JsonObject metadata, string attachmentId)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata["owner"] = Owner;
        metadata["path"] = Owner + "/" + attachmentId;
        metadata["created_at"] = CreatedAt.ToString("O", CultureInfo.InvariantCulture);
        metadata["state"] = State;
        Set(metadata, "declared_size", DeclaredSize);
        Set(metadata, "size", Size);
        metadata.Remove("sha256");
        if (Sha256 is not null)
        {
            metadata["sha256"] = Sha256;
        }

        return metadata;
    }

    /// <summary>The record in an attachment's metadata, or null when it has none (not a disk-stored attachment).</summary>
    public static AttachmentRecord? Read(JsonObject? metadata)
    {
        if (metadata is null || Text(metadata, "owner") is not { } owner || Text(metadata, "state") is not { } state)
        {
            return null;
        }

        var created = DateTimeOffset.TryParse(Text(metadata, "created_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : DateTimeOffset.MinValue;
        return new AttachmentRecord(owner, created, state, Number(metadata, "declared_size"), Number(metadata, "size"), Text(metadata, "sha256"));
    }

    private static void Set(JsonObject metadata, string key, long? value)
    {
        metadata.Remove(key);
        if (value is { } v)
        {
            metadata[key] = v;
        }
    }

    private static string? Text(JsonObject metadata, string key) =>
        metadata[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Number(JsonObject metadata, string key) =>
        metadata[key] is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;
}
