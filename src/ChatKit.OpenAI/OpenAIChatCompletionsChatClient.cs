// ChatClient.Model / Endpoint are marked experimental in OpenAI 2.15; they are only read for ChatClientMetadata.
#pragma warning disable OPENAI001

using System.Runtime.CompilerServices;
using ChatKit.OpenAI.Internal;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace ChatKit.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI Chat Completions API (<c>POST /v1/chat/completions</c>) through the
/// official OpenAI SDK's <see cref="Sdk.ChatClient"/>. Works with any OpenAI-compatible server.
/// </summary>
/// <remarks>
/// <para>Streaming yields text deltas as <see cref="TextContent"/>, <c>reasoning_content</c> deltas (sent by several
/// compatible servers) as <see cref="TextReasoningContent"/>, each tool call once as a complete
/// <see cref="FunctionCallContent"/> (with <see cref="FunctionCallContent.Exception"/> set when its arguments are not a
/// JSON object) on the update carrying the finish reason, and usage as <see cref="UsageContent"/>. Every update carries
/// the completion id as both <see cref="ChatResponseUpdate.ResponseId"/> and <see cref="ChatResponseUpdate.MessageId"/>.</para>
/// <para>Errors are not swallowed: HTTP errors (e.g. 429, 500, after the SDK's retries) surface as
/// <see cref="System.ClientModel.ClientResultException"/> (<see cref="System.ClientModel.ClientResultException.Status"/> holds
/// the HTTP status); a connection broken mid-stream surfaces as the transport's <see cref="IOException"/>; a stream that
/// ends cleanly but without a <c>finish_reason</c> as <see cref="InvalidOperationException"/>; cancellation as
/// <see cref="OperationCanceledException"/>. Updates already yielded before a failure stay valid.</para>
/// <para>Only <see cref="AIFunctionDeclaration"/> tools are sent; other <see cref="AITool"/>s (hosted web/file search,
/// code interpreter, MCP) are ignored. <see cref="ChatOptions.RawRepresentationFactory"/> may return the SDK's own
/// options object to set anything not mapped here.</para>
/// </remarks>
public sealed class OpenAIChatCompletionsChatClient : IChatClient
{
    private readonly Sdk.ChatClient _chatClient;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Wraps <paramref name="chatClient"/>; its model is the default, overridable per request with <see cref="ChatOptions.ModelId"/>.</summary>
    public OpenAIChatCompletionsChatClient(Sdk.ChatClient chatClient)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        _chatClient = chatClient;
        _metadata = new ChatClientMetadata("openai", chatClient.Endpoint, chatClient.Model);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sdkMessages = ChatCompletionsRequestMapper.ToMessages(messages, options);
        var sdkOptions = ChatCompletionsRequestMapper.ToOptions(options, this);
        var result = await _chatClient.CompleteChatAsync(sdkMessages, sdkOptions, cancellationToken).ConfigureAwait(false);
        return ChatCompletionsResponseMapper.ToChatResponse(result.Value);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sdkMessages = ChatCompletionsRequestMapper.ToMessages(messages, options);
        var sdkOptions = ChatCompletionsRequestMapper.ToOptions(options, this);
        var state = new ChatCompletionsStreamState();
        var stream = _chatClient.CompleteChatStreamingAsync(sdkMessages, sdkOptions, cancellationToken);
        await foreach (var chunk in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (state.Map(chunk) is { } update)
            {
                yield return update;
            }
        }

        if (!state.Finished)
        {
            throw new InvalidOperationException("The chat completion stream ended without a finish_reason; the response is incomplete.");
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ChatClientServices.Get(serviceType, serviceKey, _metadata, _chatClient, this);

    /// <inheritdoc />
    public void Dispose()
    {
        // The SDK client holds no disposable resources of its own.
    }
}
