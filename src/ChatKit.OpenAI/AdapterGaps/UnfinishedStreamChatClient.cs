using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.AdapterGaps;

/// <summary>
/// Gap in Microsoft.Extensions.AI.OpenAI 11.0.0 (both APIs, streaming): a stream that the server ends cleanly before
/// its final event (no finish reason, no <c>response.completed</c>) ends the enumeration without an error, so a
/// truncated answer would be saved as if it were complete. This decorator throws
/// <see cref="InvalidOperationException"/> when a stream ends without any update carrying a finish reason.
/// </summary>
internal sealed class UnfinishedStreamChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var finished = false;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            finished |= update.FinishReason is not null;
            yield return update;
        }

        if (!finished)
        {
            throw new InvalidOperationException("The OpenAI response stream ended before the model finished its answer.");
        }
    }
}
