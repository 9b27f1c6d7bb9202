namespace ChatKit.Blazor;

/// <summary>Theme colours.</summary>
public sealed record ThemeColors
{
    /// <summary>The accent (buttons, links, selection).</summary>
    public AccentColor? Accent { get; init; }

    /// <summary>Tinted greys for surfaces and borders.</summary>
    public GrayscaleColor? Grayscale { get; init; }

    /// <summary>Background and text colour.</summary>
    public SurfaceColors? Surface { get; init; }
}

/// <summary>The accent colour.</summary>
/// <param name="Primary">A CSS colour, e.g. <c>"#3b5bdb"</c>.</param>
/// <param name="Level">How strongly the accent tints soft backgrounds, 0–3.</param>
public sealed record AccentColor(string Primary, int? Level = null);

/// <summary>Greys tinted towards a hue.</summary>
/// <param name="Hue">Hue in degrees, 0–360.</param>
/// <param name="Tint">Saturation step, 0–9.</param>
/// <param name="Shade">Lightness shift, -4–4.</param>
public sealed record GrayscaleColor(int Hue, int? Tint = null, int? Shade = null);

/// <summary>Surface colours.</summary>
/// <param name="Background">A CSS colour for the background.</param>
/// <param name="Foreground">A CSS colour for text.</param>
public sealed record SurfaceColors(string? Background = null, string? Foreground = null);
