using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatKit.Blazor;

/// <summary>
/// Source-generated JSON for everything crossing the interop boundary. Values travel as JSON strings so the shapes
/// are ours (camelCase, nulls left out) rather than whatever the interop serialiser would pick, and so trimming and
/// AOT keep working.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ChatKitOptions))]
[JsonSerializable(typeof(ChatKitErrorEventArgs))]
[JsonSerializable(typeof(ChatKitThreadEventArgs))]
[JsonSerializable(typeof(ChatKitToolChangeEventArgs))]
[JsonSerializable(typeof(ChatKitEffectEventArgs))]
[JsonSerializable(typeof(ChatKitLogEventArgs))]
[JsonSerializable(typeof(ChatKitDeeplinkEventArgs))]
[JsonSerializable(typeof(ClientToolCall))]
[JsonSerializable(typeof(WidgetActionEventArgs))]
[JsonSerializable(typeof(ChatKitAction))]
[JsonSerializable(typeof(ChatKitEntity))]
[JsonSerializable(typeof(IReadOnlyList<ChatKitEntity>))]
[JsonSerializable(typeof(ChatKitCommand))]
[JsonSerializable(typeof(IReadOnlyList<ChatKitCommand>))]
[JsonSerializable(typeof(CommandResult))]
[JsonSerializable(typeof(EntityPreview))]
[JsonSerializable(typeof(UserMessage))]
[JsonSerializable(typeof(ComposerValue))]
[JsonSerializable(typeof(HandlerResult))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class ChatKitJsonContext : JsonSerializerContext;
