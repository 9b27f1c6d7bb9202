// The Responses stream events are marked experimental (OPENAI001) in the OpenAI SDK; this decorator reads them on purpose.
#pragma warning disable OPENAI001

using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace ChatKit.OpenAI.AdapterGaps;

/// <summary>
/// Gap in Microsoft.Extensions.AI.OpenAI 11.0.0 (Responses, streaming): <c>response.incomplete</c> yields no finish
/// reason, and <c>response.failed</c> / <c>error</c> events are passed on as updates without content, so a turn cut at
/// <c>max_output_tokens</c> shows no truncation notice and a failed response looks like a short, successful one.
/// This decorator reads the raw events: an incomplete response gets <see cref="ChatFinishReason.Length"/> or
/// <see cref="ChatFinishReason.ContentFilter"/>, a failed response or error event throws
/// <see cref="InvalidOperationException"/> with the server's code and message.
/// </summary>
internal sealed class ResponsesStreamOutcomeChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            switch (update.RawRepresentation)
            {
                case StreamingResponseFailedUpdate failed:
                    throw Failure(failed.Response?.Error?.Code.ToString(), failed.Response?.Error?.Message);
                case StreamingResponseErrorUpdate error:
                    throw Failure(error.Code, error.Message);
                case StreamingResponseIncompleteUpdate incomplete when update.FinishReason is null:
                    update.FinishReason = incomplete.Response?.IncompleteStatusDetails?.Reason == ResponseIncompleteStatusReason.ContentFilter
                        ? ChatFinishReason.ContentFilter
                        : ChatFinishReason.Length;
                    break;
            }

            yield return update;
        }
    }

    private static InvalidOperationException Failure(string? code, string? message) =>
        new($"The OpenAI response failed ({(string.IsNullOrEmpty(code) ? "no error code" : code)}): {message ?? "no message"}");
}
