namespace ChatKit.Blazor;

/// <summary>The message composer.</summary>
public sealed record ComposerOptions
{
    /// <summary>Placeholder of the empty composer.</summary>
    public string? Placeholder { get; init; }

    /// <summary>File attachments.</summary>
    public AttachmentsOptions? Attachments { get; init; }

    /// <summary>Tools the user can choose (sent as <c>inference_options.tool_choice</c>).</summary>
    public IReadOnlyList<ComposerTool>? Tools { get; init; }

    /// <summary>Models the user can choose (sent as <c>inference_options.model</c>).</summary>
    public IReadOnlyList<ComposerModel>? Models { get; init; }

    /// <summary>Voice input (the server transcribes it with <c>input.transcribe</c>).</summary>
    public DictationOptions? Dictation { get; init; }
}

/// <summary>Voice input in the composer.</summary>
/// <param name="Enabled">Shows the microphone button.</param>
public sealed record DictationOptions(bool Enabled);
