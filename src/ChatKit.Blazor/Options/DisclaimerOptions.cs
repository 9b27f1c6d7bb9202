namespace ChatKit.Blazor;

/// <summary>Markdown text under the composer.</summary>
/// <param name="Text">The Markdown.</param>
/// <param name="HighContrast">Stronger text colour.</param>
public sealed record DisclaimerOptions(string Text, bool? HighContrast = null);
