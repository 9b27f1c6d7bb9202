using System.Runtime.CompilerServices;
using ChatKit.Server;
using ChatKit.Stores;
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

    /// <summary>The action type of an approval card's Approve button.</summary>
    public const string ApproveToolActionType = "chatkit.tool_approval.approve";

    /// <summary>The action type of an approval card's Deny button.</summary>
    public const string DenyToolActionType = "chatkit.tool_approval.deny";

    /// <summary>Whether <paramref name="action"/> answers an approval card (see <see cref="RespondToToolApprovalAsync{TContext}"/>).</summary>
    public static bool IsToolApprovalAction(CustomAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.Type is ApproveToolActionType or DenyToolActionType;
    }

    /// <summary>
    /// Answers an approval card (a tool wrapped in <see cref="ApprovalRequiredAIFunction"/> paused the turn): the card
    /// shows the decision and the turn resumes, the function-invoking client running the approved call or telling the
    /// model it was denied. The pending calls are read from the stored card, never from the click. Call it from
    /// <c>ActionAsync</c> for <see cref="IsToolApprovalAction"/> actions (<see cref="ChatClientServer{TContext}"/> does).
    /// </summary>
    /// <exception cref="CustomStreamErrorException">
    /// (As the stream's first event) the card was already answered, is not an approval card, or the thread moved on.
    /// </exception>
    public async IAsyncEnumerable<ThreadStreamEvent> RespondToToolApprovalAsync<TContext>(
        ChatKitServer<TContext> server,
        ThreadMetadata thread,
        CustomAction action,
        WidgetItem? sender,
        TContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(action);
        if (!IsToolApprovalAction(action))
        {
            throw new ArgumentException($"Action '{action.Type}' does not answer an approval.", nameof(action));
        }

        if (ToolApprovalWidget.ReadPending(sender) is not { } calls)
        {
            throw new CustomStreamErrorException(Options.ApprovalNotPendingMessage);
        }

        // Only the newest item can be answered: once the conversation moved on, the paused turn is gone.
        var newest = await server.Store.LoadThreadItemsAsync(thread.Id, null, 1, SortOrder.Desc, context, cancellationToken).ConfigureAwait(false);
        if (newest.Data.Count == 0 || newest.Data[0].Id != sender!.Id)
        {
            throw new CustomStreamErrorException(Options.ApprovalNotPendingMessage);
        }

        var approved = action.Type == ApproveToolActionType;
        yield return new ThreadItemReplacedEvent { Item = ToolApprovalWidget.Answered(sender, calls, approved) };
        var turn = new ChatClientTurn<TContext>(this, server, thread, null, context, new ToolApprovalAnswer(sender.Id, calls, approved));
        await foreach (var e in turn.RunAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <summary>Loads the newest <see cref="ChatClientResponderOptions.MaxHistoryItems"/> items of the thread, oldest first.</summary>
    protected internal virtual async ValueTask<IReadOnlyList<ThreadItem>> LoadHistoryAsync<TContext>(
        ChatKitServer<TContext> server, ThreadMetadata thread, TContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(thread);
        var page = await server.Store.LoadThreadItemsAsync(thread.Id, null, Math.Max(1, Options.MaxHistoryItems), SortOrder.Desc, context, cancellationToken)
            .ConfigureAwait(false);
        var items = page.Data.Reverse().ToList();
        if (server.AttachmentStore is IAttachmentContentStore<TContext> attachments)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is GeneratedImageItem { Image: { } image } generated
                    && await StoredImageAsDataUrlAsync(server, attachments, image, context, cancellationToken).ConfigureAwait(false) is { } dataUrl)
                {
                    // The model cannot fetch the attachment's preview URL (it is behind the app's sign-in): it gets the
                    // bytes, in a copy made for this conversion only.
                    items[i] = new GeneratedImageItem
                    {
                        Id = generated.Id,
                        ThreadId = generated.ThreadId,
                        CreatedAt = generated.CreatedAt,
                        Image = new GeneratedImage { Id = image.Id, Url = dataUrl },
                    };
                }
            }
        }

        return items;
    }

    private static async ValueTask<string?> StoredImageAsDataUrlAsync<TContext>(
        ChatKitServer<TContext> server, IAttachmentContentStore<TContext> attachments, GeneratedImage image, TContext context, CancellationToken ct)
    {
        if (image.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Attachment attachment;
        try
        {
            attachment = await server.Store.LoadAttachmentAsync(image.Id, context, ct).ConfigureAwait(false);
        }
        catch (ChatKitNotFoundException)
        {
            // Not an image this server stored (e.g. a URL the model gave): converted as it is.
            return null;
        }

        return await attachments.LoadContentAsync(attachment.Id, context, ct).ConfigureAwait(false) is { } bytes
            ? new DataContent(bytes, attachment.MimeType).Uri
            : null;
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

    /// <summary>
    /// Seeds the app's state for a turn before the model is called (the place of the reference's agent-context
    /// subclass fields): tools read it through <see cref="ChatKitToolContext.State"/>. Default: nothing.
    /// </summary>
    /// <param name="state">The turn's empty state.</param>
    /// <param name="thread">The thread.</param>
    /// <param name="context">The request context.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    protected internal virtual ValueTask InitializeTurnStateAsync<TContext>(ChatKitTurnState state, ThreadMetadata thread, TContext context, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

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
            FunctionInvoker = (context, ct) => InvokeToolAsync(context, logger, ct),
        };
    }

    private static async ValueTask<object?> InvokeToolAsync(FunctionInvocationContext context, ILogger? logger, CancellationToken ct)
    {
        try
        {
            return await context.Function.InvokeAsync(context.Arguments, ct).ConfigureAwait(false);
        }
        catch (ChatKitTurnRejectedException rejected) when (ToolHost.Active is { } host)
        {
            // A tool's guardrail rejects the whole turn: the loop stops, and the turn fails with this rejection (the
            // function-invoking client would otherwise only tell the model the tool failed).
            host.Reject(rejected);
            context.Terminate = true;
            return "The turn was rejected.";
        }
        catch (Exception e) when (logger is not null && (e is not OperationCanceledException || !ct.IsCancellationRequested))
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
