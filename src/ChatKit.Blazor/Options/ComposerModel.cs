namespace ChatKit.Blazor;

/// <summary>A model the user can pick in the composer.</summary>
public sealed record ComposerModel
{
    /// <summary>Sent to the server as <c>inference_options.model</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Name in the model menu.</summary>
    public required string Label { get; init; }

    /// <summary>Tooltip.</summary>
    public string? Description { get; init; }

    /// <summary>Listed but not selectable.</summary>
    public bool? Disabled { get; init; }

    /// <summary>Selected initially.</summary>
    public bool? Default { get; init; }
}
