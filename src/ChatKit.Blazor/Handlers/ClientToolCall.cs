using System.Text.Json.Nodes;

namespace ChatKit.Blazor;

/// <summary>A client tool call the server asked the browser to run.</summary>
/// <param name="Name">The tool name.</param>
/// <param name="Params">Its arguments.</param>
public sealed record ClientToolCall(string Name, JsonObject Params);
