namespace ChatKit.Blazor;

/// <summary>How the thread view behaves.</summary>
/// <param name="AutoScroll">
/// Follow a streaming reply down to its latest text while the user is already near the bottom (the element leaves
/// the scroll position alone when this is unset or false).
/// </param>
public sealed record ThreadOptions(bool? AutoScroll = null);
