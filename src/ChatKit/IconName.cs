using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatKit;

/// <summary>
/// An icon accepted by ChatKit: one of the built-in names, or any name starting with <c>vendor:</c> or <c>lucide:</c>.
/// </summary>
/// <remarks>Modelled as a string-backed value (like <c>ChatRole</c> in Microsoft.Extensions.AI) so the closed set is
/// discoverable as static properties while the two escape hatches stay open.</remarks>
[JsonConverter(typeof(IconNameJsonConverter))]
public readonly struct IconName : IEquatable<IconName>
{
    private static readonly HashSet<string> BuiltIn = new(StringComparer.Ordinal)
    {
        "agent", "analytics", "atom", "batch", "bolt", "book-open", "book-closed", "book-clock", "bug", "calendar",
        "chart", "check", "check-circle", "check-circle-filled", "chevron-left", "chevron-right", "circle-question",
        "clock", "compass", "confetti", "cube", "desktop", "document", "dot", "dots-horizontal", "dots-vertical",
        "empty-circle", "external-link", "globe", "keys", "lab", "images", "info", "lifesaver", "lightbulb", "mail",
        "map-pin", "maps", "mobile", "name", "notebook", "notebook-pencil", "page-blank", "phone", "play", "plus",
        "profile", "profile-card", "reload", "star", "star-filled", "search", "sparkle", "sparkle-double",
        "square-code", "square-image", "square-text", "suitcase", "settings-slider", "user", "wreath", "write",
        "write-alt", "write-alt2",
    };

    /// <summary>Creates an icon name, validating it against the allowed set.</summary>
    /// <exception cref="ArgumentException">The name is neither built in nor prefixed with <c>vendor:</c> or <c>lucide:</c>.</exception>
    public IconName(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException(
                $"'{value}' is not a ChatKit icon: use a built-in name (e.g. 'search') or a 'vendor:' or 'lucide:' name.", nameof(value));
        }

        _value = value;
    }

    private readonly string? _value;

    /// <summary>The icon name as written on the wire.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>All built-in icon names.</summary>
    public static IReadOnlyCollection<string> BuiltInNames => BuiltIn;

    /// <summary>Whether <paramref name="value"/> is an allowed icon name.</summary>
    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is not null &&
        (BuiltIn.Contains(value) ||
         (value.StartsWith("vendor:", StringComparison.Ordinal) && value.Length > 7) ||
         (value.StartsWith("lucide:", StringComparison.Ordinal) && value.Length > 7));

    /// <summary>A Lucide icon, e.g. <c>IconName.Lucide("arrow-right")</c>.</summary>
    public static IconName Lucide(string name) => new("lucide:" + name);

    /// <summary>An application-provided icon, e.g. <c>IconName.Vendor("my-logo")</c>.</summary>
    public static IconName Vendor(string name) => new("vendor:" + name);

#pragma warning disable CS1591 // The built-in names document themselves.
    public static IconName Agent => new("agent");
    public static IconName Analytics => new("analytics");
    public static IconName Atom => new("atom");
    public static IconName Bolt => new("bolt");
    public static IconName BookOpen => new("book-open");
    public static IconName Bug => new("bug");
    public static IconName Calendar => new("calendar");
    public static IconName Chart => new("chart");
    public static IconName Check => new("check");
    public static IconName CheckCircle => new("check-circle");
    public static IconName Clock => new("clock");
    public static IconName Compass => new("compass");
    public static IconName Desktop => new("desktop");
    public static IconName Document => new("document");
    public static IconName Globe => new("globe");
    public static IconName Info => new("info");
    public static IconName Lightbulb => new("lightbulb");
    public static IconName Mail => new("mail");
    public static IconName Notebook => new("notebook");
    public static IconName Phone => new("phone");
    public static IconName Plus => new("plus");
    public static IconName Profile => new("profile");
    public static IconName Reload => new("reload");
    public static IconName Search => new("search");
    public static IconName Settings => new("settings-slider");
    public static IconName Sparkle => new("sparkle");
    public static IconName Star => new("star");
    public static IconName Suitcase => new("suitcase");
    public static IconName User => new("user");
    public static IconName Write => new("write");
#pragma warning restore CS1591

    /// <inheritdoc />
    public bool Equals(IconName other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IconName other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Compares two icon names.</summary>
    public static bool operator ==(IconName left, IconName right) => left.Equals(right);

    /// <summary>Compares two icon names.</summary>
    public static bool operator !=(IconName left, IconName right) => !left.Equals(right);

    /// <summary>Converts a string to an icon name, validating it.</summary>
    public static implicit operator IconName(string value) => new(value);
}

/// <summary>Reads and writes <see cref="IconName"/> as a plain string.</summary>
public sealed class IconNameJsonConverter : JsonConverter<IconName>
{
    /// <inheritdoc />
    public override IconName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (!IconName.IsValid(value))
        {
            throw new JsonException($"'{value}' is not a ChatKit icon name.");
        }

        return new IconName(value);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IconName value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
