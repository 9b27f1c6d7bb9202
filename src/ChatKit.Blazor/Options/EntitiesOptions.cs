namespace ChatKit.Blazor;

/// <summary>@-mentions. The search, click and preview handlers are parameters of the <see cref="ChatKit"/> component.</summary>
/// <param name="ShowComposerMenu">Shows an @ button in the composer (needs a tag search handler).</param>
public sealed record EntitiesOptions(bool? ShowComposerMenu = null);
