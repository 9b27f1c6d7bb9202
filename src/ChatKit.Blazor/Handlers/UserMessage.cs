namespace ChatKit.Blazor;

/// <summary>A message to send with <see cref="ChatKit.SendUserMessageAsync"/>.</summary>
public sealed record UserMessage
{
    /// <summary>The text.</summary>
    public required string Text { get; init; }

    /// <summary>Quoted text the message replies to.</summary>
    public string? Reply { get; init; }

    /// <summary>Starts a new thread first.</summary>
    public bool? NewThread { get; init; }

    /// <summary>Tool choice sent with the message.</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>Model sent with the message.</summary>
    public string? Model { get; init; }
}

/// <summary>A tool choice.</summary>
/// <param name="Id">The composer tool id.</param>
public sealed record ToolChoice(string Id);
