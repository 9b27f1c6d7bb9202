namespace ChatKit.Blazor;

/// <summary>An @-mentionable entity; sent as an <c>input_tag</c> when inserted.</summary>
public sealed record ChatKitEntity
{
    /// <summary>Identifier sent to the server.</summary>
    public required string Id { get; init; }

    /// <summary>Text of the tag.</summary>
    public required string Title { get; init; }

    /// <summary>Icon name in the mention menu.</summary>
    public string? Icon { get; init; }

    /// <summary>Clickable in messages (raises <c>OnEntityClick</c> and previews).</summary>
    public bool? Interactive { get; init; }

    /// <summary>Heading the entity is listed under in the menu.</summary>
    public string? Group { get; init; }

    /// <summary>Extra data sent with the tag.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }
}
