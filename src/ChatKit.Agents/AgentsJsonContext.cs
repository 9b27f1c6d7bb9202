using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit.Agents;

/// <summary>Source-generated JSON for the few values this package serializes itself (trimming and AOT safe).</summary>
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class AgentsJsonContext : JsonSerializerContext;
