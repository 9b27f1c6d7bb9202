namespace ChatKit.Blazor;

/// <summary>Theme fonts.</summary>
public sealed record Typography
{
    /// <summary>Base font size in pixels.</summary>
    public int? BaseSize { get; init; }

    /// <summary>CSS font family of text.</summary>
    public string? FontFamily { get; init; }

    /// <summary>CSS font family of code.</summary>
    public string? FontFamilyMono { get; init; }

    /// <summary>Web fonts the element loads.</summary>
    public IReadOnlyList<FontSource>? FontSources { get; init; }
}

/// <summary>A web font (an <c>@font-face</c> rule).</summary>
public sealed record FontSource
{
    /// <summary>Font family name.</summary>
    public required string Family { get; init; }

    /// <summary>URL of the font file.</summary>
    public required string Src { get; init; }

    /// <summary>Font weight, e.g. <c>"400"</c> or <c>"100 900"</c>.</summary>
    public string? Weight { get; init; }

    /// <summary><c>normal</c> or <c>italic</c>.</summary>
    public string? Style { get; init; }

    /// <summary>CSS <c>font-display</c>; the element defaults to <c>swap</c>.</summary>
    public string? Display { get; init; }

    /// <summary>CSS <c>unicode-range</c>.</summary>
    public string? UnicodeRange { get; init; }
}
