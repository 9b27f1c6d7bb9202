using System.Text.Json.Nodes;

namespace ChatKit.Blazor;

/// <summary>Detail of <c>chatkit.log</c>: diagnostics such as <c>request.start</c> or <c>widget.action</c>.</summary>
/// <param name="Name">What happened.</param>
/// <param name="Data">Details, if any.</param>
public sealed record ChatKitLogEventArgs(string Name, JsonNode? Data = null);
