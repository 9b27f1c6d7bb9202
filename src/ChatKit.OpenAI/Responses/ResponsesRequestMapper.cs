// The whole OpenAI.Responses namespace is marked experimental (OPENAI001) in OpenAI 2.15; this adapter targets it on purpose.
#pragma warning disable OPENAI001

using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace ChatKit.OpenAI.Internal;

/// <summary>Maps Microsoft.Extensions.AI messages and options to an OpenAI SDK <see cref="CreateResponseOptions"/>.</summary>
internal static class ResponsesRequestMapper
{
    /// <summary>Builds the request, starting from <see cref="ChatOptions.RawRepresentationFactory"/>'s result when it is a <see cref="CreateResponseOptions"/>.</summary>
    /// <exception cref="NotSupportedException">A message contains content the Responses API cannot carry.</exception>
    public static CreateResponseOptions ToOptions(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModel, bool streaming, IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = options?.RawRepresentationFactory?.Invoke(client) as CreateResponseOptions ?? new CreateResponseOptions();
        result.Model ??= string.IsNullOrEmpty(options?.ModelId) ? defaultModel : options.ModelId;
        result.StreamingEnabled = streaming;

        foreach (var message in messages)
        {
            AddItems(result.InputItems, message);
        }

        if (options is null)
        {
            return result;
        }

        result.Instructions ??= options.Instructions;
        result.Temperature ??= options.Temperature;
        result.TopP ??= options.TopP;
        result.MaxOutputTokenCount ??= options.MaxOutputTokens;
        if (result.PreviousResponseId is null && options.ConversationId is { Length: > 0 } conversationId)
        {
            result.PreviousResponseId = conversationId;
        }

        if (options.Reasoning is { } reasoning && result.ReasoningOptions is null)
        {
            result.ReasoningOptions = new ResponseReasoningOptions
            {
                ReasoningEffortLevel = reasoning.Effort switch
                {
                    null => null,
                    ReasoningEffort.None => ResponseReasoningEffortLevel.None,
                    ReasoningEffort.Low => ResponseReasoningEffortLevel.Low,
                    ReasoningEffort.Medium => ResponseReasoningEffortLevel.Medium,
                    ReasoningEffort.High => ResponseReasoningEffortLevel.High,
                    ReasoningEffort.ExtraHigh => ResponseReasoningEffortLevel.ExtraHigh,
                    var other => new ResponseReasoningEffortLevel(other.Value.ToString().ToLowerInvariant()),
                },
                ReasoningSummaryVerbosity = reasoning.Output switch
                {
                    ReasoningOutput.Summary => ResponseReasoningSummaryVerbosity.Auto,
                    ReasoningOutput.Full => ResponseReasoningSummaryVerbosity.Detailed,
                    _ => null,
                },
            };
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            foreach (var declaration in tools.OfType<AIFunctionDeclaration>())
            {
                // The Responses API defaults "strict" to true, which rejects ordinary schemas; ask for it explicitly only.
                result.Tools.Add(ResponseTool.CreateFunctionTool(
                    declaration.Name,
                    BinaryData.FromString(declaration.JsonSchema.GetRawText()),
                    strictModeEnabled: false,
                    declaration.Description));
            }

            if (result.Tools.Count > 0)
            {
                result.ParallelToolCallsEnabled ??= options.AllowMultipleToolCalls;
                result.ToolChoice ??= options.ToolMode switch
                {
                    NoneChatToolMode => ResponseToolChoice.CreateNoneChoice(),
                    RequiredChatToolMode { RequiredFunctionName: { } name } => ResponseToolChoice.CreateFunctionChoice(name),
                    RequiredChatToolMode => ResponseToolChoice.CreateRequiredChoice(),
                    AutoChatToolMode => ResponseToolChoice.CreateAutoChoice(),
                    _ => null,
                };
            }
        }

        if (result.TextOptions is null && options.ResponseFormat is { } format)
        {
            result.TextOptions = new ResponseTextOptions
            {
                TextFormat = format switch
                {
                    ChatResponseFormatJson { Schema: { } schema } json => ResponseTextFormat.CreateJsonSchemaFormat(
                        json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription, jsonSchemaIsStrict: null),
                    ChatResponseFormatJson => ResponseTextFormat.CreateJsonObjectFormat(),
                    _ => ResponseTextFormat.CreateTextFormat(),
                },
            };
        }

        return result;
    }

    private static void AddItems(IList<ResponseItem> items, ChatMessage message)
    {
        var role = message.Role;
        if (role == ChatRole.System || role.Value == "developer")
        {
            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            if (text.Length > 0)
            {
                items.Add(role == ChatRole.System ? ResponseItem.CreateSystemMessageItem(text) : ResponseItem.CreateDeveloperMessageItem(text));
            }

            return;
        }

        if (role == ChatRole.Assistant)
        {
            // Keep the original order: text runs become assistant messages, calls become function_call items.
            var text = new StringBuilder();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent textContent:
                        text.Append(textContent.Text);
                        break;
                    case FunctionCallContent call:
                        FlushAssistantText(items, text);
                        items.Add(ResponseItem.CreateFunctionCallItem(call.CallId, call.Name, ToolCallJson.SerializeArguments(call.Arguments)));
                        break;
                    case FunctionResultContent functionResult:
                        FlushAssistantText(items, text);
                        items.Add(ResponseItem.CreateFunctionCallOutputItem(functionResult.CallId, ToolCallJson.SerializeResult(functionResult)));
                        break;
                }
            }

            FlushAssistantText(items, text);
            return;
        }

        // Tool results first (tool role), then user content.
        foreach (var functionResult in message.Contents.OfType<FunctionResultContent>())
        {
            items.Add(ResponseItem.CreateFunctionCallOutputItem(functionResult.CallId, ToolCallJson.SerializeResult(functionResult)));
        }

        if (role == ChatRole.Tool)
        {
            return;
        }

        var parts = message.Contents.Select(ToUserPart).OfType<ResponseContentPart>().ToList();
        if (parts.Count > 0)
        {
            items.Add(ResponseItem.CreateUserMessageItem(parts));
        }
    }

    private static void FlushAssistantText(IList<ResponseItem> items, StringBuilder text)
    {
        if (text.Length > 0)
        {
            items.Add(ResponseItem.CreateAssistantMessageItem(text.ToString(), annotations: []));
            text.Clear();
        }
    }

    private static ResponseContentPart? ToUserPart(AIContent content) => content switch
    {
        TextContent { Text.Length: > 0 } text => ResponseContentPart.CreateInputTextPart(text.Text),
        TextContent => null,
        DataContent data when data.HasTopLevelMediaType("image") =>
            ResponseContentPart.CreateInputImagePart(new BinaryData(data.Data, mediaType: data.MediaType), imageDetailLevel: null),
        DataContent data => ResponseContentPart.CreateInputFilePart(
            new BinaryData(data.Data, mediaType: data.MediaType), data.MediaType, data.Name ?? ChatCompletionsRequestMapper.DefaultFileName(data.MediaType)),
        UriContent uri when uri.HasTopLevelMediaType("image") => ResponseContentPart.CreateInputImagePart(uri.Uri, imageDetailLevel: null),
        UriContent uri => ResponseContentPart.CreateInputFilePart(uri.Uri),
        HostedFileContent file => ResponseContentPart.CreateInputFilePart(file.FileId),
        _ => null, // Reasoning, usage and other informational content is not sent back.
    };
}
