using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// Reflection-free reads of configuration values (the project is AOT-compatible, so the reflection binder is not used).
/// Errors name the key, never the value.
/// </summary>
internal static class ChatKitConfigurationReader
{
    public static string? String(IConfiguration section, string key)
    {
        var value = section[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static int? Int32(IConfiguration section, string key) =>
        String(section, key) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(section, key, "an integer")
            : null;

    public static bool? Boolean(IConfiguration section, string key) =>
        String(section, key) is { } text
            ? bool.TryParse(text, out var value) ? value : throw Invalid(section, key, "true or false")
            : null;

    public static TimeSpan? Duration(IConfiguration section, string key) =>
        String(section, key) is { } text
            ? TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(section, key, "a time span such as 00:01:00")
            : null;

    public static Uri? AbsoluteUri(IConfiguration section, string key) =>
        String(section, key) is { } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var value) ? value : throw Invalid(section, key, "an absolute URL")
            : null;

    private static InvalidOperationException Invalid(IConfiguration section, string key, string expected) =>
        new($"Configuration value '{(section is IConfigurationSection s ? s.Path + ":" : "")}{key}' must be {expected}.");
}
