using System.Text.RegularExpressions;

namespace ChatKit.OpenAI.Sessions;

/// <summary>Removes API keys (the configured one, and anything shaped like an OpenAI key) from text bound for logs or exceptions.</summary>
internal static partial class ChatKitSecretRedactor
{
    private const string Mask = "[redacted]";

    public static string? Redact(string? text, string? apiKey)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            text = text.Replace(apiKey, Mask, StringComparison.Ordinal);
        }

        return KeyShape().Replace(text, Mask);
    }

    // sk-..., sk-proj-..., and client secrets (ek_...) of reasonable length, including partly masked echoes.
    [GeneratedRegex(@"\b(?:sk-|ek_)[A-Za-z0-9_\-\*\.]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();
}
