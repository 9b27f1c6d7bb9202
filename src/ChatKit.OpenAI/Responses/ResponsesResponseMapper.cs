#pragma warning disable OPENAI001 // OpenAI.Responses is marked experimental in OpenAI 2.15; this adapter targets it on purpose.

using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace ChatKit.OpenAI.Internal;

/// <summary>Maps a finished SDK <see cref="ResponseResult"/> to a <see cref="ChatResponse"/>.</summary>
internal static class ResponsesResponseMapper
{
    /// <exception cref="InvalidOperationException">The response has status <c>failed</c>.</exception>
    public static ChatResponse ToChatResponse(ResponseResult response)
    {
        if (response.Status == ResponseStatus.Failed)
        {
            throw ResponsesUsage.Failure(response.Error?.Code.ToString(), response.Error?.Message);
        }

        var contents = new List<AIContent>();
        var calledFunctions = false;
        foreach (var item in response.OutputItems)
        {
            switch (item)
            {
                case ReasoningResponseItem reasoning:
                    var summary = reasoning.GetSummaryText();
                    if (!string.IsNullOrEmpty(summary))
                    {
                        contents.Add(new TextReasoningContent(summary) { RawRepresentation = reasoning });
                    }

                    break;

                case MessageResponseItem message:
                    foreach (var part in message.Content)
                    {
                        contents.Add(ToContent(part));
                    }

                    break;

                case FunctionCallResponseItem call:
                    calledFunctions = true;
                    var content = ToolCallJson.CreateFunctionCall(call.CallId, call.FunctionName, call.FunctionArguments?.ToString());
                    content.RawRepresentation = call;
                    contents.Add(content);
                    break;
            }
        }

        var chatMessage = new ChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = response.Id, // one assistant message per response, as when streaming
            CreatedAt = response.CreatedAt,
            RawRepresentation = response,
        };
        return new ChatResponse(chatMessage)
        {
            ResponseId = response.Id,
            ModelId = response.Model,
            CreatedAt = response.CreatedAt,
            FinishReason = ResponsesUsage.FinishReason(response, calledFunctions),
            Usage = response.Usage is null ? null : ResponsesUsage.ToUsageDetails(response.Usage),
            RawRepresentation = response,
        };
    }

    private static AIContent ToContent(ResponseContentPart part)
    {
        if (part.Kind == ResponseContentPartKind.Refusal)
        {
            return new ErrorContent(part.Refusal) { ErrorCode = "refusal", RawRepresentation = part };
        }

        var text = new TextContent(part.Text ?? string.Empty) { RawRepresentation = part };
        foreach (var annotation in part.OutputTextAnnotations ?? [])
        {
            if (ToCitation(annotation) is { } citation)
            {
                (text.Annotations ??= []).Add(citation);
            }
        }

        return text;
    }

    /// <summary>Maps a <c>url_citation</c> annotation; other annotation kinds (file citations, paths) map to <see langword="null"/>.</summary>
    public static CitationAnnotation? ToCitation(ResponseMessageAnnotation annotation) => annotation switch
    {
        UriCitationMessageAnnotation uri => Citations.Create(uri.Uri, uri.Title, uri.StartIndex, uri.EndIndex, uri),
        _ => null,
    };
}
