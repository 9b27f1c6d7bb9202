using System.Text.Json.Nodes;

namespace ChatKit.Blazor;

/// <summary>Detail of <c>chatkit.effect</c>: a <c>client_effect</c> the server streamed.</summary>
/// <param name="Name">The effect name.</param>
/// <param name="Data">Its data, if any.</param>
public sealed record ChatKitEffectEventArgs(string Name, JsonNode? Data = null);
