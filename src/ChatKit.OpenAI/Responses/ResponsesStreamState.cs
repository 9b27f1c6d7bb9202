#pragma warning disable OPENAI001 // OpenAI.Responses is marked experimental in OpenAI 2.15; this adapter targets it on purpose.

using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace ChatKit.OpenAI.Internal;

/// <summary>
/// Turns streamed Responses API events into <see cref="ChatResponseUpdate"/>s: text and reasoning deltas pass straight
/// through, url citations arrive as an empty <see cref="TextContent"/> carrying the <see cref="CitationAnnotation"/>,
/// function calls are emitted once complete, usage and finish reason come with <c>response.completed</c>.
/// </summary>
internal sealed class ResponsesStreamState
{
    private readonly Dictionary<int, FunctionCallAccumulator> _calls = [];
    private readonly StringBuilder _refusal = new();
    private string? _responseId;
    private string? _modelId;
    private DateTimeOffset? _createdAt;
    private bool _calledFunctions;

    /// <summary>Whether <c>response.completed</c> or <c>response.incomplete</c> has been seen.</summary>
    public bool Finished { get; private set; }

    /// <summary>Maps one event; <see langword="null"/> when it carries nothing for the caller.</summary>
    /// <exception cref="InvalidOperationException">The event reports a failed response or a stream error.</exception>
    public ChatResponseUpdate? Map(StreamingResponseUpdate update)
    {
        switch (update)
        {
            case StreamingResponseCreatedUpdate created:
                Remember(created.Response);
                return null;

            case StreamingResponseInProgressUpdate inProgress:
                Remember(inProgress.Response);
                return null;

            case StreamingResponseOutputTextDeltaUpdate text when !string.IsNullOrEmpty(text.Delta):
                return CreateUpdate([new TextContent(text.Delta)], update);

            case StreamingResponseReasoningSummaryTextDeltaUpdate summary when !string.IsNullOrEmpty(summary.Delta):
                return CreateUpdate([new TextReasoningContent(summary.Delta)], update);

            case StreamingResponseReasoningTextDeltaUpdate reasoning when !string.IsNullOrEmpty(reasoning.Delta):
                return CreateUpdate([new TextReasoningContent(reasoning.Delta)], update);

            case StreamingResponseOutputTextAnnotationAddedUpdate annotated
                when ResponsesResponseMapper.ToCitation(annotated.Annotation) is { } citation:
                return CreateUpdate([new TextContent(string.Empty) { Annotations = [citation] }], update);

            case StreamingResponseRefusalDeltaUpdate refusal:
                _refusal.Append(refusal.Delta);
                return null;

            case StreamingResponseRefusalDoneUpdate refusalDone when _refusal.Length > 0:
                var error = new ErrorContent(_refusal.ToString()) { ErrorCode = "refusal" };
                _refusal.Clear();
                return CreateUpdate([error], update);

            case StreamingResponseOutputItemAddedUpdate { Item: FunctionCallResponseItem call } added:
                _calls[added.OutputIndex] = new FunctionCallAccumulator { CallId = call.CallId, Name = call.FunctionName };
                return null;

            case StreamingResponseFunctionCallArgumentsDeltaUpdate delta:
                if (_calls.TryGetValue(delta.OutputIndex, out var accumulator) && delta.Delta is { } fragment)
                {
                    accumulator.Append(fragment.ToString());
                }

                return null;

            case StreamingResponseOutputItemDoneUpdate { Item: FunctionCallResponseItem call } done:
                _calledFunctions = true;
                var pending = _calls.Remove(done.OutputIndex, out var found) ? found : new FunctionCallAccumulator();
                pending.CallId = call.CallId ?? pending.CallId;
                pending.Name = call.FunctionName ?? pending.Name;
                var content = pending.Build(call.FunctionArguments?.ToString());
                content.RawRepresentation = call;
                return CreateUpdate([content], update);

            case StreamingResponseCompletedUpdate completed:
                return Finish(completed.Response, update);

            case StreamingResponseIncompleteUpdate incomplete:
                return Finish(incomplete.Response, update);

            case StreamingResponseFailedUpdate failed:
                throw ResponsesUsage.Failure(failed.Response?.Error?.Code.ToString(), failed.Response?.Error?.Message);

            case StreamingResponseErrorUpdate streamError:
                throw ResponsesUsage.Failure(streamError.Code, streamError.Message);

            default:
                return null;
        }
    }

    private ChatResponseUpdate Finish(ResponseResult response, StreamingResponseUpdate raw)
    {
        Finished = true;
        Remember(response);
        var contents = new List<AIContent>();
        if (response.Usage is { } usage)
        {
            contents.Add(new UsageContent(ResponsesUsage.ToUsageDetails(usage)));
        }

        var update = CreateUpdate(contents, raw);
        update.FinishReason = ResponsesUsage.FinishReason(response, _calledFunctions);
        return update;
    }

    private void Remember(ResponseResult? response)
    {
        if (response is null)
        {
            return;
        }

        _responseId ??= response.Id;
        _modelId ??= response.Model;
        _createdAt ??= response.CreatedAt == default ? null : response.CreatedAt;
    }

    // One assistant message per response: every update carries the response id as its message id, so reasoning, text and
    // function-call items coalesce into a single ChatMessage (item ids stay reachable through RawRepresentation).
    private ChatResponseUpdate CreateUpdate(IList<AIContent> contents, StreamingResponseUpdate raw) => new(ChatRole.Assistant, contents)
    {
        ResponseId = _responseId,
        MessageId = _responseId,
        ModelId = _modelId,
        CreatedAt = _createdAt,
        RawRepresentation = raw,
    };
}
