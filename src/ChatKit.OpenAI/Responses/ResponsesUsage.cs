#pragma warning disable OPENAI001 // OpenAI.Responses is marked experimental in OpenAI 2.15; this adapter targets it on purpose.

using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace ChatKit.OpenAI.Internal;

/// <summary>Maps Responses token usage and terminal status.</summary>
internal static class ResponsesUsage
{
    public static UsageDetails ToUsageDetails(ResponseTokenUsage usage) => new()
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };

    /// <summary>The finish reason for a finished response: length / content filter when incomplete, tool calls when it called a function, else stop.</summary>
    public static ChatFinishReason FinishReason(ResponseResult response, bool calledFunctions)
    {
        var incompleteReason = response.IncompleteStatusDetails?.Reason;
        if (incompleteReason == ResponseIncompleteStatusReason.MaxOutputTokens)
        {
            return ChatFinishReason.Length;
        }

        if (incompleteReason == ResponseIncompleteStatusReason.ContentFilter)
        {
            return ChatFinishReason.ContentFilter;
        }

        return calledFunctions ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop;
    }

    /// <summary>The exception for a failed response or a stream <c>error</c> event.</summary>
    public static InvalidOperationException Failure(string? code, string? message) =>
        new($"The OpenAI response failed{(string.IsNullOrEmpty(code) ? "" : $" ({code})")}: {message ?? "no error message"}");
}
