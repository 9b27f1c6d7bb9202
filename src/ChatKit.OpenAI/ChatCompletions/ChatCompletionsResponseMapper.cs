using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace ChatKit.OpenAI.Internal;

/// <summary>Maps a non-streamed SDK <see cref="Sdk.ChatCompletion"/> to a <see cref="ChatResponse"/>.</summary>
internal static class ChatCompletionsResponseMapper
{
    public static ChatResponse ToChatResponse(Sdk.ChatCompletion completion)
    {
        var contents = new List<AIContent>();
        var reasoning = ReadReasoning(completion);
        if (!string.IsNullOrEmpty(reasoning))
        {
            contents.Add(new TextReasoningContent(reasoning));
        }

        foreach (var part in completion.Content)
        {
            if (part.Kind == Sdk.ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text) { RawRepresentation = part });
            }
        }

        AttachCitations(completion, contents);

        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            contents.Add(new ErrorContent(completion.Refusal) { ErrorCode = "refusal" });
        }

        foreach (var call in completion.ToolCalls)
        {
            var content = ToolCallJson.CreateFunctionCall(call.Id, call.FunctionName, call.FunctionArguments?.ToString());
            content.RawRepresentation = call;
            contents.Add(content);
        }

        var usage = completion.Usage is null ? null : ChatCompletionsUsage.ToUsageDetails(completion.Usage);
        var message = new ChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = completion.Id,
            CreatedAt = completion.CreatedAt,
            RawRepresentation = completion,
        };
        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ChatCompletionsFinishReason.Map(completion.FinishReason),
            Usage = usage,
            RawRepresentation = completion,
        };
    }

#pragma warning disable SCME0001 // JsonPatch is experimental; it is how the SDK exposes JSON it does not model (reasoning_content).
    // Compatible servers disagree on the field name: "reasoning_content" (DeepSeek, vLLM, llama.cpp) or "reasoning" (OpenRouter, Ollama).
    private static string? ReadReasoning(Sdk.ChatCompletion completion) =>
        completion.Patch.TryGetValue("$.choices[0].message.reasoning_content"u8, out string? value) && value is not null ? value
        : completion.Patch.TryGetValue("$.choices[0].message.reasoning"u8, out string? alternative) ? alternative
        : null;
#pragma warning restore SCME0001

#pragma warning disable OPENAI001 // ChatMessageAnnotation (web search url citations) is marked experimental in OpenAI 2.15.
    private static void AttachCitations(Sdk.ChatCompletion completion, List<AIContent> contents)
    {
        if (completion.Annotations.Count == 0)
        {
            return;
        }

        var text = contents.OfType<TextContent>().FirstOrDefault();
        if (text is null)
        {
            text = new TextContent(string.Empty);
            contents.Add(text);
        }

        text.Annotations ??= [];
        foreach (var annotation in completion.Annotations)
        {
            text.Annotations.Add(Citations.Create(annotation.WebResourceUri, annotation.WebResourceTitle, annotation.StartIndex, annotation.EndIndex, annotation));
        }
    }
#pragma warning restore OPENAI001
}
