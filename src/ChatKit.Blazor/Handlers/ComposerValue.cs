namespace ChatKit.Blazor;

/// <summary>What <see cref="ChatKit.SetComposerValueAsync"/> puts in the composer; unset parts stay as they are.</summary>
public sealed record ComposerValue
{
    /// <summary>The composer text.</summary>
    public string? Text { get; init; }

    /// <summary>Quoted text to reply to.</summary>
    public string? Reply { get; init; }

    /// <summary>Selects a composer tool.</summary>
    public string? SelectedToolId { get; init; }

    /// <summary>Selects a model.</summary>
    public string? SelectedModelId { get; init; }
}
