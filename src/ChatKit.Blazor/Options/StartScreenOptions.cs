namespace ChatKit.Blazor;

/// <summary>What a new, empty thread shows.</summary>
public sealed record StartScreenOptions
{
    /// <summary>The greeting heading.</summary>
    public string? Greeting { get; init; }

    /// <summary>Suggested prompts; clicking one sends it.</summary>
    public IReadOnlyList<StartScreenPrompt>? Prompts { get; init; }
}

/// <summary>A suggested prompt on the start screen.</summary>
/// <param name="Label">Button text.</param>
/// <param name="Prompt">The message sent when clicked.</param>
/// <param name="Icon">Icon name.</param>
public sealed record StartScreenPrompt(string Label, string Prompt, string? Icon = null);
