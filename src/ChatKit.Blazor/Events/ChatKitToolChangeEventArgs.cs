namespace ChatKit.Blazor;

/// <summary>Detail of <c>chatkit.tool.change</c>.</summary>
/// <param name="ToolId">The selected composer tool, or <see langword="null"/> when none is.</param>
public sealed record ChatKitToolChangeEventArgs(string? ToolId);
