using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Sessions;

/// <summary>Source-generated serialization of the ChatKit sessions and threads wire types.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatKitSessionCreateRequest))]
[JsonSerializable(typeof(ChatKitSession))]
[JsonSerializable(typeof(ChatKitThread))]
[JsonSerializable(typeof(ChatKitThreadDeletion))]
[JsonSerializable(typeof(ChatKitPage<ChatKitThread>))]
[JsonSerializable(typeof(ChatKitPage<ChatKitThreadItem>))]
// The primitive state-variable values a workflow accepts.
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ChatKitSessionsJsonContext : JsonSerializerContext;
