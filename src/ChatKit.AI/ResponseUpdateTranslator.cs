using ChatKit.Stores;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// Translates the <see cref="ChatResponseUpdate"/>s of a model call into ChatKit events: text into the assistant
/// message, reasoning into a reasoning workflow, images into image items; tool calls, results and approval requests
/// go to the turn's <see cref="ToolActivity{TContext}"/>.
/// </summary>
internal sealed class ResponseUpdateTranslator<TContext>(
    TurnScope<TContext> scope, AssistantMessageStream<TContext> message, WorkflowDisplay<TContext> workflow, ToolActivity<TContext> tools)
{
    public static bool IsRefusal(ErrorContent error) => string.Equals(error.ErrorCode, "refusal", StringComparison.OrdinalIgnoreCase);

    public List<ThreadStreamEvent> Translate(ChatResponseUpdate update)
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
                    AppendText(text, events);
                    break;
                case ErrorContent refusal when IsRefusal(refusal):
                    // The model declined: its explanation is the answer the user should read.
                    AppendText(new TextContent(refusal.Message), events);
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
                    events.Add(ImageDone(data.Uri));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    events.Add(ImageDone(uri.Uri.ToString()));
                    break;
                case ImageGenerationToolResultContent generated:
                    foreach (var output in generated.Outputs ?? [])
                    {
                        switch (output)
                        {
                            case DataContent data:
                                events.Add(ImageDone(data.Uri));
                                break;
                            case UriContent uri:
                                events.Add(ImageDone(uri.Uri.ToString()));
                                break;
                        }
                    }

                    break;
                case { Annotations.Count: > 0 } annotated:
                    // Some clients (the official OpenAI Responses adapter) stream citations after the text, on a content
                    // of their own rather than on a TextContent: they annotate the open message all the same.
                    AppendText(new TextContent(string.Empty) { Annotations = annotated.Annotations }, events);
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

    // Text after reasoning or tools shows below their workflow, so opening the message closes it.
    private void AppendText(TextContent text, List<ThreadStreamEvent> events) =>
        message.Append(text, events, beforeOpen: e => e.AddRange(workflow.Close()));

    private ThreadItemDoneEvent ImageDone(string url)
    {
        scope.ProducedVisibleItem = true;
        var id = scope.CreateItemId(StoreItemKind.Message);
        return new ThreadItemDoneEvent
        {
            Item = new GeneratedImageItem { Id = id, ThreadId = scope.ThreadId, CreatedAt = scope.Now, Image = new GeneratedImage { Id = id, Url = url } },
        };
    }
}
