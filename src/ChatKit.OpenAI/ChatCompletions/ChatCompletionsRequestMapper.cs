// Several ChatCompletionOptions / content-part members (Seed, ReasoningEffortLevel, file parts, developer messages) are marked experimental in OpenAI 2.15; mapping them is the point of this file.
#pragma warning disable OPENAI001

using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace ChatKit.OpenAI.Internal;

/// <summary>Maps Microsoft.Extensions.AI messages and options to OpenAI SDK Chat Completions requests.</summary>
internal static class ChatCompletionsRequestMapper
{
    /// <summary>Maps the conversation, prepending <see cref="ChatOptions.Instructions"/> as a system message.</summary>
    /// <exception cref="NotSupportedException">A message contains content Chat Completions cannot carry (e.g. a non-image URI).</exception>
    public static List<Sdk.ChatMessage> ToMessages(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new List<Sdk.ChatMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            result.Add(new Sdk.SystemChatMessage(options.Instructions));
        }

        foreach (var message in messages)
        {
            AddMessage(result, message);
        }

        return result;
    }

    /// <summary>Maps <paramref name="options"/> to SDK options, starting from <see cref="ChatOptions.RawRepresentationFactory"/>'s result when it is a <see cref="Sdk.ChatCompletionOptions"/>.</summary>
    public static Sdk.ChatCompletionOptions ToOptions(ChatOptions? options, IChatClient client)
    {
        var result = options?.RawRepresentationFactory?.Invoke(client) as Sdk.ChatCompletionOptions ?? new Sdk.ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.Temperature ??= options.Temperature;
        result.TopP ??= options.TopP;
        result.MaxOutputTokenCount ??= options.MaxOutputTokens;
        result.FrequencyPenalty ??= options.FrequencyPenalty;
        result.PresencePenalty ??= options.PresencePenalty;
        result.Seed ??= options.Seed;
        if (options.StopSequences is { } stops)
        {
            foreach (var stop in stops)
            {
                result.StopSequences.Add(stop);
            }
        }

        if (!string.IsNullOrEmpty(options.ModelId))
        {
            // ChatClient is bound to one model; the per-request override goes through the JSON patch.
#pragma warning disable SCME0001 // JsonPatch is experimental in System.ClientModel; it is the SDK's only per-request model override.
            result.Patch.Set("$.model"u8, options.ModelId);
#pragma warning restore SCME0001
        }

        if (options.Reasoning?.Effort is { } effort)
        {
            result.ReasoningEffortLevel = MapEffort(effort);
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            foreach (var declaration in tools.OfType<AIFunctionDeclaration>())
            {
                result.Tools.Add(Sdk.ChatTool.CreateFunctionTool(
                    declaration.Name,
                    declaration.Description,
                    BinaryData.FromString(declaration.JsonSchema.GetRawText()),
                    functionSchemaIsStrict: null));
            }

            if (result.Tools.Count > 0)
            {
                result.AllowParallelToolCalls ??= options.AllowMultipleToolCalls;
                result.ToolChoice ??= options.ToolMode switch
                {
                    NoneChatToolMode => Sdk.ChatToolChoice.CreateNoneChoice(),
                    RequiredChatToolMode { RequiredFunctionName: { } name } => Sdk.ChatToolChoice.CreateFunctionChoice(name),
                    RequiredChatToolMode => Sdk.ChatToolChoice.CreateRequiredChoice(),
                    AutoChatToolMode => Sdk.ChatToolChoice.CreateAutoChoice(),
                    _ => null,
                };
            }
        }

        result.ResponseFormat ??= options.ResponseFormat switch
        {
            ChatResponseFormatText => Sdk.ChatResponseFormat.CreateTextFormat(),
            ChatResponseFormatJson { Schema: { } schema } json => Sdk.ChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription, jsonSchemaIsStrict: null),
            ChatResponseFormatJson => Sdk.ChatResponseFormat.CreateJsonObjectFormat(),
            _ => null,
        };

        return result;
    }

    private static Sdk.ChatReasoningEffortLevel MapEffort(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.None => Sdk.ChatReasoningEffortLevel.None,
        ReasoningEffort.Low => Sdk.ChatReasoningEffortLevel.Low,
        ReasoningEffort.Medium => Sdk.ChatReasoningEffortLevel.Medium,
        ReasoningEffort.High => Sdk.ChatReasoningEffortLevel.High,
        ReasoningEffort.ExtraHigh => Sdk.ChatReasoningEffortLevel.ExtraHigh,
        _ => new Sdk.ChatReasoningEffortLevel(effort.ToString().ToLowerInvariant()),
    };

    private static void AddMessage(List<Sdk.ChatMessage> result, ChatMessage message)
    {
        // Tool results become one "tool" message each, whatever role carried them.
        foreach (var functionResult in message.Contents.OfType<FunctionResultContent>())
        {
            result.Add(new Sdk.ToolChatMessage(functionResult.CallId, ToolCallJson.SerializeResult(functionResult)));
        }

        var role = message.Role;
        if (role == ChatRole.Tool)
        {
            return;
        }

        if (role == ChatRole.System || role.Value == "developer")
        {
            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            if (text.Length > 0)
            {
                result.Add(role == ChatRole.System
                    ? new Sdk.SystemChatMessage(text) { ParticipantName = message.AuthorName }
                    : DeveloperMessage(text, message.AuthorName));
            }

            return;
        }

        if (role == ChatRole.Assistant)
        {
            var parts = message.Contents.OfType<TextContent>().Where(t => t.Text.Length > 0)
                .Select(t => Sdk.ChatMessageContentPart.CreateTextPart(t.Text)).ToList();
            var calls = message.Contents.OfType<FunctionCallContent>()
                .Select(c => Sdk.ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, ToolCallJson.SerializeArguments(c.Arguments)))
                .ToList();
            if (parts.Count == 0 && calls.Count == 0)
            {
                return;
            }

            var assistant = parts.Count > 0 ? new Sdk.AssistantChatMessage(parts) : new Sdk.AssistantChatMessage(calls);
            if (parts.Count > 0)
            {
                foreach (var call in calls)
                {
                    assistant.ToolCalls.Add(call);
                }
            }

            assistant.ParticipantName = message.AuthorName;
            result.Add(assistant);
            return;
        }

        // User (and any unknown role): multi-modal parts.
        var userParts = new List<Sdk.ChatMessageContentPart>();
        foreach (var content in message.Contents)
        {
            var part = ToUserPart(content);
            if (part is not null)
            {
                userParts.Add(part);
            }
        }

        if (userParts.Count > 0)
        {
            result.Add(new Sdk.UserChatMessage(userParts) { ParticipantName = message.AuthorName });
        }
    }

    private static Sdk.ChatMessage DeveloperMessage(string text, string? authorName) =>
        new Sdk.DeveloperChatMessage(text) { ParticipantName = authorName };

    private static Sdk.ChatMessageContentPart? ToUserPart(AIContent content) => content switch
    {
        TextContent { Text.Length: > 0 } text => Sdk.ChatMessageContentPart.CreateTextPart(text.Text),
        TextContent => null,
        DataContent data when data.HasTopLevelMediaType("image") =>
            Sdk.ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType, imageDetailLevel: null),
        DataContent data => Sdk.ChatMessageContentPart.CreateFilePart(BinaryData.FromBytes(data.Data), data.MediaType, data.Name ?? DefaultFileName(data.MediaType)),
        UriContent uri when uri.HasTopLevelMediaType("image") => Sdk.ChatMessageContentPart.CreateImagePart(uri.Uri, imageDetailLevel: null),
        UriContent uri => throw new NotSupportedException($"Chat Completions cannot reference a '{uri.MediaType}' file by URL ({uri.Uri}); send it as DataContent."),
        HostedFileContent file => Sdk.ChatMessageContentPart.CreateFilePart(file.FileId),
        _ => null, // Reasoning, usage and other informational content is not sent back.
    };

    internal static string DefaultFileName(string mediaType) =>
        "file" + (mediaType switch
        {
            "application/pdf" => ".pdf",
            "text/plain" => ".txt",
            _ => string.Empty,
        });
}
