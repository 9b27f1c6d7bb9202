using System.Text.Json.Nodes;

namespace ChatKit.Blazor;

/// <summary>A custom action: a type and an optional payload.</summary>
/// <param name="Type">The action type, e.g. <c>"demo.increment"</c>.</param>
/// <param name="Payload">Its payload.</param>
public sealed record ChatKitAction(string Type, JsonObject? Payload = null);
