namespace ChatKit.Blazor;

/// <summary>An entry of the <c>/</c> command menu.</summary>
public sealed record ChatKitCommand
{
    /// <summary>Identifier handed back to <c>OnCommandSelect</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Menu text; the id when missing.</summary>
    public string? Label { get; init; }

    /// <summary>Icon name.</summary>
    public string? Icon { get; init; }

    /// <summary>Heading the command is listed under.</summary>
    public string? Group { get; init; }

    /// <summary>Secondary text.</summary>
    public string? Description { get; init; }
}
