using System.Text.Json.Serialization;

namespace ChatKit.OpenAI.Hosting;

/// <summary>What the session endpoint returns to the browser: the client secret and its expiry, nothing else.</summary>
internal sealed record ChatKitClientSecretResponse(
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("expires_at")] long ExpiresAt);

/// <summary>A generic error for the browser; it never carries upstream details.</summary>
internal sealed record ChatKitSessionError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message);

[JsonSerializable(typeof(ChatKitClientSecretResponse))]
[JsonSerializable(typeof(ChatKitSessionError))]
internal sealed partial class ChatKitHostedJsonContext : JsonSerializerContext;
