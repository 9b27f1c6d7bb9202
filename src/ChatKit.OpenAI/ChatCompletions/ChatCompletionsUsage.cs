using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace ChatKit.OpenAI.Internal;

/// <summary>Maps Chat Completions token usage.</summary>
internal static class ChatCompletionsUsage
{
    public static UsageDetails ToUsageDetails(Sdk.ChatTokenUsage usage) => new()
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };
}
