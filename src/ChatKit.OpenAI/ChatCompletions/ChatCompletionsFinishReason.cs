using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace ChatKit.OpenAI.Internal;

/// <summary>Maps Chat Completions finish reasons.</summary>
internal static class ChatCompletionsFinishReason
{
    public static ChatFinishReason Map(Sdk.ChatFinishReason reason) => reason switch
    {
        Sdk.ChatFinishReason.Stop => ChatFinishReason.Stop,
        Sdk.ChatFinishReason.Length => ChatFinishReason.Length,
        Sdk.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        Sdk.ChatFinishReason.ToolCalls or Sdk.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        _ => new ChatFinishReason(reason.ToString().ToLowerInvariant()),
    };
}
