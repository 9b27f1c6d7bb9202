using System.Text.Json.Serialization;

namespace ChatKit.Blazor;

/// <summary>The element's look.</summary>
public sealed record ThemeOptions
{
    /// <summary>Light or dark.</summary>
    public ColorScheme? ColorScheme { get; init; }

    /// <summary>Accent, grayscale and surface colours.</summary>
    public ThemeColors? Color { get; init; }

    /// <summary>Corner rounding.</summary>
    public Radius? Radius { get; init; }

    /// <summary>Spacing.</summary>
    public Density? Density { get; init; }

    /// <summary>Fonts and base size.</summary>
    public Typography? Typography { get; init; }
}

/// <summary>Light or dark colour scheme.</summary>
public enum ColorScheme
{
    /// <summary><c>light</c>.</summary>
    [JsonStringEnumMemberName("light")] Light,

    /// <summary><c>dark</c>.</summary>
    [JsonStringEnumMemberName("dark")] Dark,
}

/// <summary>Corner rounding of the theme.</summary>
public enum Radius
{
    /// <summary><c>pill</c>.</summary>
    [JsonStringEnumMemberName("pill")] Pill,

    /// <summary><c>round</c>.</summary>
    [JsonStringEnumMemberName("round")] Round,

    /// <summary><c>soft</c>.</summary>
    [JsonStringEnumMemberName("soft")] Soft,

    /// <summary><c>sharp</c>.</summary>
    [JsonStringEnumMemberName("sharp")] Sharp,
}

/// <summary>Spacing of the theme.</summary>
public enum Density
{
    /// <summary><c>compact</c>.</summary>
    [JsonStringEnumMemberName("compact")] Compact,

    /// <summary><c>normal</c>.</summary>
    [JsonStringEnumMemberName("normal")] Normal,

    /// <summary><c>spacious</c>.</summary>
    [JsonStringEnumMemberName("spacious")] Spacious,
}
