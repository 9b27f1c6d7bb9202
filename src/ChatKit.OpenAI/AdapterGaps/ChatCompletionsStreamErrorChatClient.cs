using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using StreamingChatCompletionUpdate = OpenAI.Chat.StreamingChatCompletionUpdate;

namespace ChatKit.OpenAI.AdapterGaps;

/// <summary>
/// Gap in Microsoft.Extensions.AI.OpenAI 11.0.0 (Chat Completions, streaming): a server that reports a failure inside
/// the stream (a chunk <c>{"error": {...}}</c>, as OpenAI-compatible servers do) is passed on as an empty update, and
/// the error is lost. The SDK keeps the unknown <c>error</c> property on the raw chunk; this decorator reads it back and
/// throws <see cref="InvalidOperationException"/> with the server's code and message.
/// </summary>
internal sealed class ChatCompletionsStreamErrorChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            // Only chunks without an id can be error chunks; the ordinary ones are not re-serialized.
            if (update.RawRepresentation is StreamingChatCompletionUpdate { CompletionId: null or "" } chunk && ErrorOf(chunk) is { } error)
            {
                throw error;
            }

            yield return update;
        }
    }

    private static InvalidOperationException? ErrorOf(StreamingChatCompletionUpdate chunk)
    {
        using var json = JsonDocument.Parse(((IPersistableModel<StreamingChatCompletionUpdate>)chunk).Write(ModelReaderWriterOptions.Json));
        if (!json.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return new InvalidOperationException($"The OpenAI chat completion failed ({code ?? "no error code"}): {message ?? "no message"}");
    }
}
