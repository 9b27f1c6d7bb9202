namespace ChatKit.Blazor;

/// <summary>The header bar.</summary>
public sealed record HeaderOptions
{
    /// <summary><see langword="false"/> hides the header.</summary>
    public bool? Enabled { get; init; }

    /// <summary>The title; without it the thread's title shows.</summary>
    public HeaderTitle? Title { get; init; }

    /// <summary>A button on the left; clicks raise the component's <c>OnHeaderLeftAction</c>.</summary>
    public HeaderAction? LeftAction { get; init; }

    /// <summary>A button on the right; clicks raise the component's <c>OnHeaderRightAction</c>.</summary>
    public HeaderAction? RightAction { get; init; }
}

/// <summary>The header title.</summary>
/// <param name="Text">Fixed title text.</param>
/// <param name="Enabled"><see langword="false"/> shows no title.</param>
public sealed record HeaderTitle(string? Text = null, bool? Enabled = null);

/// <summary>A header button.</summary>
/// <param name="Icon">Icon name, e.g. <c>"settings-cog"</c>; also the button's accessible name.</param>
public sealed record HeaderAction(string Icon);
