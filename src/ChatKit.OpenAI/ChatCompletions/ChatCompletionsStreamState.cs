using System.Text;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace ChatKit.OpenAI.Internal;

/// <summary>
/// Turns streamed SDK chunks into <see cref="ChatResponseUpdate"/>s: text and reasoning deltas pass straight through,
/// tool-call fragments are accumulated and emitted as complete <see cref="FunctionCallContent"/>s with the finish reason.
/// </summary>
internal sealed class ChatCompletionsStreamState
{
    private readonly Dictionary<int, FunctionCallAccumulator> _toolCallsByIndex = [];
    private readonly List<FunctionCallAccumulator> _toolCalls = [];
    private readonly StringBuilder _refusal = new();
    private string? _responseId;
    private string? _modelId;
    private DateTimeOffset? _createdAt;

    /// <summary>Whether a finish reason has been seen.</summary>
    public bool Finished { get; private set; }

    /// <summary>Maps one chunk; <see langword="null"/> when it carries nothing worth an update (e.g. the empty role chunk).</summary>
    /// <exception cref="InvalidOperationException">The chunk is an in-band <c>{"error": ...}</c> object.</exception>
    public ChatResponseUpdate? Map(Sdk.StreamingChatCompletionUpdate chunk)
    {
        if (ReadError(chunk) is { } error)
        {
            throw new InvalidOperationException($"The chat completion stream reported an error{(error.Code is null ? "" : $" ({error.Code})")}: {error.Message}");
        }

        _responseId ??= chunk.CompletionId;
        _modelId ??= chunk.Model;
        _createdAt ??= chunk.CreatedAt == default ? null : chunk.CreatedAt;

        var contents = new List<AIContent>();
        var reasoning = ReadReasoningDelta(chunk);
        if (!string.IsNullOrEmpty(reasoning))
        {
            contents.Add(new TextReasoningContent(reasoning));
        }

        foreach (var part in chunk.ContentUpdate)
        {
            if (part.Kind == Sdk.ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text));
            }
        }

        _refusal.Append(chunk.RefusalUpdate);

        foreach (var toolCall in chunk.ToolCallUpdates)
        {
            // Some compatible servers reuse index 0 for every parallel call; a new call id then starts a new call.
            if (!_toolCallsByIndex.TryGetValue(toolCall.Index, out var accumulator)
                || (toolCall.ToolCallId is { Length: > 0 } id && accumulator.CallId is not null && accumulator.CallId != id))
            {
                _toolCallsByIndex[toolCall.Index] = accumulator = new FunctionCallAccumulator();
                _toolCalls.Add(accumulator);
            }

            accumulator.CallId ??= toolCall.ToolCallId;
            accumulator.Name ??= toolCall.FunctionName;
            if (toolCall.FunctionArgumentsUpdate is { } fragment && !fragment.IsEmpty)
            {
                accumulator.Append(fragment.ToString());
            }
        }

        ChatFinishReason? finishReason = null;
        if (chunk.FinishReason is { } reason)
        {
            finishReason = ChatCompletionsFinishReason.Map(reason);
            Finished = true;
            FlushPending(contents);
        }

        if (chunk.Usage is { } usage)
        {
            contents.Add(new UsageContent(ChatCompletionsUsage.ToUsageDetails(usage)));
        }

        return contents.Count == 0 && finishReason is null ? null : CreateUpdate(contents, finishReason, chunk);
    }

    private void FlushPending(List<AIContent> contents)
    {
        if (_refusal.Length > 0)
        {
            contents.Add(new ErrorContent(_refusal.ToString()) { ErrorCode = "refusal" });
            _refusal.Clear();
        }

        contents.AddRange(_toolCalls.Select(accumulator => accumulator.Build()));
        _toolCalls.Clear();
        _toolCallsByIndex.Clear();
    }

    private ChatResponseUpdate CreateUpdate(List<AIContent> contents, ChatFinishReason? finishReason, Sdk.StreamingChatCompletionUpdate raw) => new(ChatRole.Assistant, contents)
    {
        ResponseId = _responseId,
        MessageId = _responseId,
        ModelId = _modelId,
        CreatedAt = _createdAt,
        FinishReason = finishReason,
        RawRepresentation = raw,
    };

#pragma warning disable SCME0001 // JsonPatch is experimental; it is how the SDK exposes JSON it does not model (reasoning_content).
    private static (string? Code, string Message)? ReadError(Sdk.StreamingChatCompletionUpdate chunk) =>
        chunk.Patch.TryGetValue("$.error.message"u8, out string? message) && message is not null
            ? (chunk.Patch.TryGetValue("$.error.code"u8, out string? code) ? code : null, message)
            : null;

    // Compatible servers disagree on the field name: DeepSeek / vLLM / llama.cpp use "reasoning_content", OpenRouter / Ollama "reasoning".
    private static string? ReadReasoningDelta(Sdk.StreamingChatCompletionUpdate chunk) =>
        chunk.Patch.TryGetValue("$.choices[0].delta.reasoning_content"u8, out string? value) && value is not null ? value
        : chunk.Patch.TryGetValue("$.choices[0].delta.reasoning"u8, out string? alternative) ? alternative
        : null;
#pragma warning restore SCME0001
}
