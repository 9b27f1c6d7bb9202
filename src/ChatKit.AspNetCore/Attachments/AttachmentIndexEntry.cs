namespace ChatKit.AspNetCore.Attachments;

/// <summary>An index entry of <see cref="AttachmentFileStore"/>: which user's attachment a file is, and since when.</summary>
/// <param name="Id">The attachment id.</param>
/// <param name="Owner">The owner's user id (to build a context for the metadata store).</param>
/// <param name="Created">When the attachment was created.</param>
public sealed record AttachmentIndexEntry(string Id, string Owner, DateTimeOffset Created);
