// The Responses stream events are marked experimental (OPENAI001) in the OpenAI SDK; this decorator reads them on purpose.
#pragma warning disable OPENAI001

using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Responses;
using StreamingChatCompletionUpdate = OpenAI.Chat.StreamingChatCompletionUpdate;

namespace ChatKit.OpenAI.AdapterGaps;

/// <summary>
/// Gap in Microsoft.Extensions.AI.OpenAI 11.0.0 (both APIs, streaming): a parameterless function call whose arguments
/// arrive as an empty string (models and compatible servers do send <c>""</c>) becomes a
/// <see cref="FunctionCallContent"/> with a JSON parse <see cref="FunctionCallContent.Exception"/>, so the tool would
/// never run. This decorator records each call's raw argument text from the SDK's updates and, when that text is
/// empty, passes the call on with empty arguments and no exception. Calls with truly malformed JSON keep their error.
/// </summary>
internal sealed class EmptyToolArgumentsChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var argumentsByCallId = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var callIdByIndex = new Dictionary<int, string>();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            Record(update.RawRepresentation, argumentsByCallId, callIdByIndex);
            for (var i = 0; i < update.Contents.Count; i++)
            {
                if (update.Contents[i] is FunctionCallContent { Exception: not null } call
                    && argumentsByCallId.TryGetValue(call.CallId, out var arguments)
                    && string.IsNullOrWhiteSpace(arguments.ToString()))
                {
                    update.Contents[i] = new FunctionCallContent(call.CallId, call.Name, new Dictionary<string, object?>())
                    {
                        RawRepresentation = call.RawRepresentation,
                        AdditionalProperties = call.AdditionalProperties,
                    };
                }
            }

            yield return update;
        }
    }

    private static void Record(object? raw, Dictionary<string, StringBuilder> argumentsByCallId, Dictionary<int, string> callIdByIndex)
    {
        switch (raw)
        {
            case StreamingChatCompletionUpdate chunk:
                foreach (var toolCall in chunk.ToolCallUpdates)
                {
                    if (!string.IsNullOrEmpty(toolCall.ToolCallId))
                    {
                        callIdByIndex[toolCall.Index] = toolCall.ToolCallId;
                    }

                    if (callIdByIndex.TryGetValue(toolCall.Index, out var callId))
                    {
                        Arguments(argumentsByCallId, callId).Append(toolCall.FunctionArgumentsUpdate?.ToString());
                    }
                }

                break;

            case StreamingResponseOutputItemDoneUpdate { Item: FunctionCallResponseItem functionCall }:
                Arguments(argumentsByCallId, functionCall.CallId).Clear().Append(functionCall.FunctionArguments?.ToString());
                break;
        }
    }

    private static StringBuilder Arguments(Dictionary<string, StringBuilder> argumentsByCallId, string callId)
    {
        if (!argumentsByCallId.TryGetValue(callId, out var arguments))
        {
            arguments = new StringBuilder();
            argumentsByCallId[callId] = arguments;
        }

        return arguments;
    }
}
