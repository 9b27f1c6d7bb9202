using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// Translates the <see cref="ChatResponseUpdate"/>s of a model call into ChatKit events: text and citations into the
/// assistant message, reasoning into a reasoning workflow, images into generated image items; tool calls, results and
/// approval requests go to the turn's <see cref="ToolActivity{TContext}"/>.
/// </summary>
internal sealed class ResponseUpdateTranslator<TContext>(
    TurnScope<TContext> scope,
    AssistantMessageStream<TContext> message,
    WorkflowDisplay<TContext> workflow,
    ToolActivity<TContext> tools,
    GeneratedImageStream<TContext> images)
{
    public static bool IsRefusal(ErrorContent error) => string.Equals(error.ErrorCode, "refusal", StringComparison.OrdinalIgnoreCase);

    public async ValueTask<List<ThreadStreamEvent>> TranslateAsync(ChatResponseUpdate update, CancellationToken ct)
    {
        var events = new List<ThreadStreamEvent>();
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextReasoningContent reasoning when !string.IsNullOrEmpty(reasoning.Text):
                    events.AddRange(message.Close());
                    workflow.AppendReasoning(reasoning.Text, events);
                    break;
                case TextContent text:
                    await AppendTextAsync(text.Text, text.Annotations, events, ct).ConfigureAwait(false);
                    break;
                case ErrorContent refusal when IsRefusal(refusal):
                    // The model declined: its explanation is the answer the user should read.
                    await AppendTextAsync(refusal.Message, null, events, ct).ConfigureAwait(false);
                    break;
                case FunctionCallContent call when !call.InformationalOnly:
                    // Text after a call is a new message, below what the call shows.
                    events.AddRange(message.Close());
                    tools.OnCall(call, events);
                    break;
                case FunctionResultContent result:
                    tools.OnResult(result, events);
                    break;
                case ToolApprovalRequestContent approval:
                    events.AddRange(message.Close());
                    tools.ApprovalRequests.Add(approval);
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    await images.AddAsync(null, data, events, ct).ConfigureAwait(false);
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    images.AddUrl(null, uri.Uri.ToString(), events);
                    break;
                case ImageGenerationToolCallContent started:
                    images.Start(started.CallId, events);
                    break;
                case ImageGenerationToolResultContent generated:
                    foreach (var output in generated.Outputs ?? [])
                    {
                        switch (output)
                        {
                            case DataContent data:
                                await images.AddAsync(generated.CallId, data, events, ct).ConfigureAwait(false);
                                break;
                            case UriContent uri:
                                images.AddUrl(generated.CallId, uri.Uri.ToString(), events);
                                break;
                        }
                    }

                    break;
                case { Annotations.Count: > 0 } annotated:
                    // Some clients (the official OpenAI Responses adapter) stream citations after the text, on a content
                    // of their own rather than on a TextContent: they annotate the open message all the same.
                    await AppendTextAsync(null, annotated.Annotations, events, ct).ConfigureAwait(false);
                    break;
            }
        }

        return events;
    }

    /// <summary>A warning when the model stopped early (length or content filter), which counts as something shown.</summary>
    public NoticeEvent? FinishNotice(List<ChatResponseUpdate> updates)
    {
        var reason = updates.LastOrDefault(u => u.FinishReason is not null)?.FinishReason;
        var options = scope.Options;
        var notice = reason == ChatFinishReason.Length ? options.TruncatedNotice
            : reason == ChatFinishReason.ContentFilter ? options.ContentFilteredNotice
            : null;
        if (notice is null)
        {
            return null;
        }

        // A notice is something the user saw; it is not an empty reply.
        scope.ProducedVisibleItem = true;
        return new NoticeEvent { Level = NoticeLevel.Warning, Message = notice };
    }

    // Text after reasoning or tools shows below their workflow, so opening the message closes it. Citations are
    // converted after the text they follow, so a citation without a region points at the end of that text.
    private async ValueTask AppendTextAsync(string? text, IList<AIAnnotation>? annotations, List<ThreadStreamEvent> events, CancellationToken ct)
    {
        var converted = new List<Annotation>();
        if (annotations is { Count: > 0 })
        {
            var textLength = message.TextLength + (text?.Length ?? 0);
            foreach (var citation in annotations.OfType<CitationAnnotation>())
            {
                if (await scope.Options.ResponseConverter.ToAnnotationAsync(citation, textLength, ct).ConfigureAwait(false) is { } annotation)
                {
                    converted.Add(annotation);
                }
            }
        }

        message.Append(text, converted, events, beforeOpen: e => e.AddRange(workflow.Close()));
    }
}
