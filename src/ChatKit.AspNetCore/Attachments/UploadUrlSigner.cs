using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>
/// Signs two-phase upload URLs: an HMAC-SHA256 over the attachment id, its owner's user key, the expiry, the declared
/// size and the declared type, so a URL is only good for that one file of that one user until it expires.
/// </summary>
public sealed class UploadUrlSigner
{
    private const string KeyFileName = ".upload-key";
    private readonly byte[] _key;

    /// <summary>Creates a signer with <paramref name="key"/> (at least 32 bytes).</summary>
    public UploadUrlSigner(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The upload signing key must be at least 32 bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>
    /// The configured key (<see cref="ChatKitAttachmentOptions.SigningKey"/>), or one kept in
    /// <c>{root}/.upload-key</c> encrypted with Data Protection, created on first use. Without Data Protection the key
    /// lives in memory only, so upload URLs do not survive a restart.
    /// </summary>
    public static UploadUrlSigner Create(ChatKitAttachmentOptions options, string rootDirectory, IDataProtectionProvider? dataProtection)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new UploadUrlSigner(options.SigningKey ?? LoadOrCreateKey(rootDirectory, dataProtection));
    }

    /// <summary>The signature (lower-case hex) of one upload.</summary>
    public string Sign(string attachmentId, string userKey, long expires, long size, string mimeType)
    {
        var payload = string.Join('\n', "chatkit-upload-v1", attachmentId, userKey, expires.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture), mimeType);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload)));
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of that upload (compared in constant time).</summary>
    public bool IsValid(string attachmentId, string userKey, long expires, long size, string mimeType, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var expected = Sign(attachmentId, userKey, expires, size, mimeType);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    private static byte[] LoadOrCreateKey(string root, IDataProtectionProvider? dataProtection)
    {
        if (dataProtection is null)
        {
            return RandomNumberGenerator.GetBytes(32);
        }

        var protector = dataProtection.CreateProtector("ChatKit.Attachments.UploadSigningKey");
        var path = Path.Combine(root, KeyFileName);
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
}
