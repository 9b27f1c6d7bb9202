using System.Text.Json.Nodes;

namespace ChatKit.Blazor;

/// <summary>The answer to an entity preview request: a widget tree shown in a popover.</summary>
/// <param name="Preview">The widget (e.g. a <c>Basic</c> root with children); <see langword="null"/> shows nothing.</param>
public sealed record EntityPreview(JsonObject? Preview);
