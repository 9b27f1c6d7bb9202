using ChatKit.Server;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatKit.AI;

/// <summary>
/// Answers a ChatKit turn with any <see cref="IChatClient"/>: loads the thread history, converts it to model messages,
/// streams the model's reply as ChatKit events (assistant text with citations, reasoning workflows, generated images),
/// runs server tools in a loop and pauses the turn on client tool calls. Call <see cref="RespondAsync{TContext}"/> from
/// <see cref="ChatKitServer{TContext}"/>'s <c>RespondAsync</c>, or use <see cref="ChatClientServer{TContext}"/>.
/// </summary>
/// <remarks>
/// The tool loop is Microsoft.Extensions.AI's <see cref="FunctionInvokingChatClient"/>: the responder wraps the chat
/// client in one configured from <see cref="ChatClientResponderOptions"/>, unless the client already invokes its own
/// functions (its pipeline has one, or <see cref="ChatClientResponderOptions.ChatClientInvokesFunctions"/> says so, as for
/// an agent). The turn only observes calls, results and approval requests in the stream.
/// </remarks>
public class ChatClientResponder
{
    /// <summary>Creates a responder.</summary>
    public ChatClientResponder(IChatClient chatClient, ChatClientResponderOptions? options = null)
    {
        ChatClient = chatClient ?? throw new ArgumentNullException(nameof(chatClient));
        Options = options ?? new ChatClientResponderOptions();
    }

    /// <summary>The model.</summary>
    public IChatClient ChatClient { get; }

    /// <summary>The settings.</summary>
    public ChatClientResponderOptions Options { get; }

    /// <summary>
    /// Streams the response to <paramref name="input"/> (or, when null, continues the turn after a client tool output or
    /// a structured input). Failures of the model surface as exceptions the server turns into an error event.
    /// </summary>
    /// <param name="server">The server (store and ids).</param>
    /// <param name="thread">The thread.</param>
    /// <param name="input">The user message being answered, or null when resuming.</param>
    /// <param name="context">The request context.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away; passed to the model and the tools.</param>
    public IAsyncEnumerable<ThreadStreamEvent> RespondAsync<TContext>(
        ChatKitServer<TContext> server, ThreadMetadata thread, UserMessageItem? input, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(thread);
        return new ChatClientTurn<TContext>(this, server, thread, input, context).RunAsync(cancellationToken);
    }

    /// <summary>Loads the newest <see cref="ChatClientResponderOptions.MaxHistoryItems"/> items of the thread, oldest first.</summary>
    protected internal virtual async ValueTask<IReadOnlyList<ThreadItem>> LoadHistoryAsync<TContext>(
        ChatKitServer<TContext> server, ThreadMetadata thread, TContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(thread);
        var page = await server.Store.LoadThreadItemsAsync(thread.Id, null, Math.Max(1, Options.MaxHistoryItems), SortOrder.Desc, context, cancellationToken)
            .ConfigureAwait(false);
        return page.Data.Reverse().ToList();
    }

    /// <summary>
    /// The options of the turn's model calls: a copy of <see cref="ChatClientResponderOptions.ChatOptions"/> with the
    /// tools, the user's allowed model choice and tool choice applied.
    /// </summary>
    /// <param name="latestUserMessage">The newest user message of the history (carries the composer's choices), if any.</param>
    /// <param name="resuming">
    /// Whether the turn continues after a client tool output or structured input: the tool the user picked was already
    /// called, so it is not required again (that would loop).
    /// </param>
    protected internal virtual ChatOptions CreateChatOptions(UserMessageItem? latestUserMessage, bool resuming)
    {
        var options = Options.ChatOptions?.Clone() ?? new ChatOptions();
        if (Options.Tools.Count > 0)
        {
            options.Tools = [.. options.Tools ?? [], .. Options.Tools];
        }

        if (latestUserMessage?.InferenceOptions is { } inference)
        {
            if (inference.Model is { } model && ResolveModel(model) is { } modelId)
            {
                options.ModelId = modelId;
            }

            if (!resuming && inference.ToolChoice?.Id is { } toolId && options.Tools?.Any(t => t.Name == toolId) == true)
            {
                options.ToolMode = ChatToolMode.RequireSpecific(toolId);
            }
        }

        return options;
    }

    /// <summary>The model id for the model the user picked, or null to ignore the choice. Default: allowed models only.</summary>
    protected virtual string? ResolveModel(string requestedModel) =>
        Options.AllowedModels.Contains(requestedModel) ? requestedModel : null;

    /// <summary>
    /// The client a turn streams from: <see cref="ChatClient"/> itself when it invokes its own functions, else
    /// <see cref="ChatClient"/> wrapped in a <see cref="FunctionInvokingChatClient"/> with the options' loop settings.
    /// </summary>
    internal IChatClient CreateTurnClient()
    {
        if (Options.ChatClientInvokesFunctions || ChatClient.GetService<FunctionInvokingChatClient>() is not null)
        {
            return ChatClient;
        }

        var logger = Options.Logger;
        return new FunctionInvokingChatClient(ChatClient, loggerFactory: null, functionInvocationServices: Options.Services)
        {
            AllowConcurrentInvocation = Options.AllowConcurrentInvocation,
            MaximumIterationsPerRequest = Math.Max(1, Options.MaximumIterationsPerRequest),
            MaximumConsecutiveErrorsPerRequest = Math.Max(0, Options.MaximumConsecutiveErrorsPerRequest),
            IncludeDetailedErrors = Options.IncludeDetailedErrors,
            FunctionInvoker = logger is null ? null : (context, ct) => InvokeLoggingFailuresAsync(context, logger, ct),
        };
    }

    private static async ValueTask<object?> InvokeLoggingFailuresAsync(FunctionInvocationContext context, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await context.Function.InvokeAsync(context.Arguments, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The function-invoking client tells the model the tool failed; the details belong in the host's log.
            logger.LogWarning(e, "Tool {Tool} failed; the model is told it failed.", context.Function.Name);
            throw;
        }
    }

    /// <summary>The text shown for a running tool call.</summary>
    protected internal virtual string GetToolCallText(FunctionCallContent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Options.ToolCallText?.Invoke(call) ?? $"Calling {call.Name}…";
    }
}

/// <summary>Shortcuts for answering ChatKit turns with a chat client.</summary>
public static class ChatClientChatKitExtensions
{
    /// <summary>Streams the ChatKit response of <paramref name="chatClient"/> (see <see cref="ChatClientResponder"/>).</summary>
    public static IAsyncEnumerable<ThreadStreamEvent> StreamChatKitResponseAsync<TContext>(
        this IChatClient chatClient,
        ChatKitServer<TContext> server,
        ThreadMetadata thread,
        UserMessageItem? input,
        TContext context,
        ChatClientResponderOptions? options = null,
        CancellationToken cancellationToken = default) =>
        new ChatClientResponder(chatClient, options).RespondAsync(server, thread, input, context, cancellationToken);
}
