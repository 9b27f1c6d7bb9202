// OpenAI.Responses is marked experimental (OPENAI001) in OpenAI 2.15; this adapter targets it on purpose.
#pragma warning disable OPENAI001

using System.Runtime.CompilerServices;
using ChatKit.OpenAI.Internal;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace ChatKit.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI Responses API (<c>POST /v1/responses</c>) through the official
/// OpenAI SDK's <see cref="ResponsesClient"/>.
/// </summary>
/// <remarks>
/// <para>The full conversation is sent on every call (ChatKit owns the history); <see cref="ChatOptions.ConversationId"/>,
/// when set, is sent as <c>previous_response_id</c>.</para>
/// <para>Streaming yields <c>output_text</c> deltas as <see cref="TextContent"/>, reasoning summary / reasoning text
/// deltas as <see cref="TextReasoningContent"/>, each <c>url_citation</c> as an empty <see cref="TextContent"/> whose
/// <see cref="AIContent.Annotations"/> hold a <see cref="CitationAnnotation"/> (Url, Title, text span), each function call
/// once complete as a <see cref="FunctionCallContent"/> (with <see cref="FunctionCallContent.Exception"/> set when its
/// arguments are not a JSON object), and finally an update with <see cref="UsageContent"/> and the finish reason.
/// Every update carries the response id as both <see cref="ChatResponseUpdate.ResponseId"/> and
/// <see cref="ChatResponseUpdate.MessageId"/>, so a response coalesces into one assistant <see cref="ChatMessage"/>.</para>
/// <para>Errors are not swallowed: HTTP errors (e.g. 429, 500, after the SDK's retries) surface as
/// <see cref="System.ClientModel.ClientResultException"/> (<see cref="System.ClientModel.ClientResultException.Status"/> holds
/// the HTTP status); a <c>response.failed</c> or <c>error</c> event as <see cref="InvalidOperationException"/>; a
/// connection broken mid-stream as the transport's <see cref="IOException"/>; a stream that ends cleanly before
/// <c>response.completed</c> / <c>response.incomplete</c> as <see cref="InvalidOperationException"/>; cancellation as
/// <see cref="OperationCanceledException"/>. Updates already yielded before a failure stay valid.</para>
/// <para>Only <see cref="AIFunctionDeclaration"/> tools are sent; other <see cref="AITool"/>s (hosted web/file search,
/// code interpreter, MCP) are ignored. <see cref="ChatOptions.RawRepresentationFactory"/> may return the SDK's own
/// options object to set anything not mapped here.</para>
/// </remarks>
public sealed class OpenAIResponsesChatClient : IChatClient
{
    private readonly ResponsesClient _responsesClient;
    private readonly string _defaultModel;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Wraps <paramref name="responsesClient"/>.</summary>
    /// <param name="responsesClient">The SDK client.</param>
    /// <param name="defaultModel">The model used when <see cref="ChatOptions.ModelId"/> is not set.</param>
    public OpenAIResponsesChatClient(ResponsesClient responsesClient, string defaultModel)
    {
        ArgumentNullException.ThrowIfNull(responsesClient);
        ArgumentException.ThrowIfNullOrEmpty(defaultModel);
        _responsesClient = responsesClient;
        _defaultModel = defaultModel;
        _metadata = new ChatClientMetadata("openai", responsesClient.Endpoint, defaultModel);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ResponsesRequestMapper.ToOptions(messages, options, _defaultModel, streaming: false, this);
        var result = await _responsesClient.CreateResponseAsync(request, cancellationToken).ConfigureAwait(false);
        return ResponsesResponseMapper.ToChatResponse(result.Value);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ResponsesRequestMapper.ToOptions(messages, options, _defaultModel, streaming: true, this);
        var state = new ResponsesStreamState();
        var stream = await _responsesClient.CreateResponseStreamingAsync(request, cancellationToken).ConfigureAwait(false);
        await using var disposeStream = ((IAsyncDisposable)stream).ConfigureAwait(false);
        await foreach (var update in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (state.Map(update) is { } mapped)
            {
                yield return mapped;
            }
        }

        if (!state.Finished)
        {
            throw new InvalidOperationException("The OpenAI response stream ended before response.completed.");
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ChatClientServices.Get(serviceType, serviceKey, _metadata, _responsesClient, this);

    /// <inheritdoc />
    public void Dispose()
    {
        // The SDK client holds no disposable resources of its own.
    }
}
