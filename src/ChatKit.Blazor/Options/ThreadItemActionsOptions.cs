namespace ChatKit.Blazor;

/// <summary>Buttons under assistant messages (copy is always there).</summary>
/// <param name="Feedback">Thumbs up/down, sent as <c>items.feedback</c>.</param>
/// <param name="Retry">Retry on the last answer.</param>
public sealed record ThreadItemActionsOptions(bool? Feedback = null, bool? Retry = null);
