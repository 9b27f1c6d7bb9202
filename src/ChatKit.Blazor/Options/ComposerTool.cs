namespace ChatKit.Blazor;

/// <summary>A tool the user can pick in the composer.</summary>
public sealed record ComposerTool
{
    /// <summary>Sent to the server as the tool choice.</summary>
    public required string Id { get; init; }

    /// <summary>Name in the tool menu.</summary>
    public required string Label { get; init; }

    /// <summary>Icon name.</summary>
    public required string Icon { get; init; }

    /// <summary>Name on the chip of the selected tool.</summary>
    public string? ShortLabel { get; init; }

    /// <summary>Composer placeholder while the tool is selected.</summary>
    public string? PlaceholderOverride { get; init; }

    /// <summary>Shown as a toggle button instead of in the menu.</summary>
    public bool? Pinned { get; init; }

    /// <summary>Stays selected after a message is sent.</summary>
    public bool? Persistent { get; init; }
}
