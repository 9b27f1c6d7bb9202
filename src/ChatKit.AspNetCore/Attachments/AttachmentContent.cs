using System.Text;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>Checks file names and contents of uploads.</summary>
public static class AttachmentContent
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The media type without parameters, lower case (<c>Text/Plain; charset=utf-8</c> → <c>text/plain</c>).</summary>
    public static string NormalizeMimeType(string? mimeType)
    {
        if (string.IsNullOrWhiteSpace(mimeType))
        {
            return "";
        }

        var semicolon = mimeType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? mimeType : mimeType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>True for types whose content must be UTF-8 text.</summary>
    public static bool IsText(string mimeType) =>
        mimeType.StartsWith("text/", StringComparison.Ordinal) || mimeType is "application/json";

    /// <summary>True for images shown with a preview.</summary>
    public static bool IsImage(string mimeType) => mimeType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>The type the leading bytes identify (PNG, JPEG, GIF, WebP, PDF), or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return head.StartsWith("%PDF-"u8) ? "application/pdf" : null;
    }

    /// <summary>
    /// Whether the file at <paramref name="path"/> really is <paramref name="mimeType"/>: signature types must match
    /// their magic number, text types must be valid UTF-8 without NUL bytes, and text must not carry a binary signature.
    /// </summary>
    public static bool Matches(string mimeType, string path)
    {
        Span<byte> head = stackalloc byte[16];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var sniffed = Sniff(head[..read]);
        if (IsText(mimeType))
        {
            return sniffed is null && IsUtf8Text(path);
        }

        return mimeType switch
        {
            "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "application/pdf" => sniffed == mimeType,
            // A configured type without a known signature: only refuse bytes that are clearly something else.
            _ => sniffed is null,
        };
    }

    private static bool IsUtf8Text(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().IndexOf((byte)0) >= 0)
        {
            return false;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// A safe display name: the last path segment only, without control or bidi-override characters, without
    /// <c>..</c>, leading dots or trailing dots/spaces, at most <paramref name="maxLength"/> characters (keeping the
    /// extension); <c>file</c> when nothing is left.
    /// </summary>
    public static string SanitizeFileName(string? name, int maxLength = 200)
    {
        name ??= "";
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsControl(c) || c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200E' or '\u200F' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                continue;
            }

            builder.Append(c);
        }

        var clean = builder.ToString();
        while (clean.Contains("..", StringComparison.Ordinal))
        {
            clean = clean.Replace("..", ".", StringComparison.Ordinal);
        }

        clean = clean.Trim().TrimStart('.').TrimEnd('.', ' ');
        if (clean.Length > maxLength)
        {
            var extension = Path.GetExtension(clean);
            extension = extension.Length is > 1 and <= 16 ? extension : "";
            clean = clean[..(maxLength - extension.Length)].TrimEnd('.', ' ') + extension;
        }

        return clean.Length == 0 ? "file" : clean;
    }
}
