namespace ChatKit.Blazor;

/// <summary>The thread history panel.</summary>
/// <param name="Enabled"><see langword="false"/> hides the history button.</param>
/// <param name="ShowDelete"><see langword="false"/> hides the delete button of each thread.</param>
/// <param name="ShowRename"><see langword="false"/> hides the rename button of each thread.</param>
public sealed record HistoryOptions(bool? Enabled = null, bool? ShowDelete = null, bool? ShowRename = null);
