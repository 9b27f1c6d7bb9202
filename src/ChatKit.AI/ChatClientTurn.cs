using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// One turn of a <see cref="ChatClientResponder"/>: one streamed request through a function-invoking client, which
/// runs the tool loop. The translation of model updates (<see cref="ResponseUpdateTranslator{TContext}"/>), the open
/// message and workflow (<see cref="AssistantMessageStream{TContext}"/>, <see cref="WorkflowDisplay{TContext}"/>) and
/// what the turn observes of the tools (<see cref="ToolActivity{TContext}"/>) are parts of their own. Every event carries objects built for it alone,
/// so nothing already yielded changes afterwards.
/// </summary>
internal sealed class ChatClientTurn<TContext>
{
    private readonly ChatClientResponder _responder;
    private readonly ChatClientResponderOptions _options;
    private readonly ThreadMetadata _thread;
    private readonly UserMessageItem? _input;
    private readonly TurnScope<TContext> _scope;
    private readonly AssistantMessageStream<TContext> _message;
    private readonly WorkflowDisplay<TContext> _workflow;

    public ChatClientTurn(ChatClientResponder responder, ChatKitServer<TContext> server, ThreadMetadata thread, UserMessageItem? input, TContext context)
    {
        _responder = responder;
        _options = responder.Options;
        _thread = thread;
        _input = input;
        _scope = new TurnScope<TContext>(server, thread, context, _options);
        _message = new AssistantMessageStream<TContext>(_scope);
        _workflow = new WorkflowDisplay<TContext>(_scope, responder);
    }

    public async IAsyncEnumerable<ThreadStreamEvent> RunAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var history = (await _responder.LoadHistoryAsync(_scope.Server, _thread, _scope.Context, ct).ConfigureAwait(false)).ToList();
        if (_input is not null && !history.Exists(i => i.Id == _input.Id))
        {
            history.Add(_input);
        }

        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(_options.Instructions))
        {
            messages.Add(new ChatMessage(ChatRole.System, _options.Instructions));
        }

        messages.AddRange(await _options.Converter.ToChatMessagesAsync(history, ct).ConfigureAwait(false));
        var chatOptions = _responder.CreateChatOptions(history.OfType<UserMessageItem>().LastOrDefault(), resuming: _input is null);
        // One stream for the whole turn: the function-invoking client runs the tool loop inside it. It is pumped on a
        // task of its own into one channel, together with the events tools stream while they run (they run inside the
        // stream's MoveNextAsync), and this iterator is that channel's single reader, so everything arrives in order.
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var host = new ToolHost<TContext>(channel.Writer, _options.TimeProvider, _scope.Server, _thread, _scope.Context);
        var tools = new ToolActivity<TContext>(_scope, _workflow, host);
        var translator = new ResponseUpdateTranslator<TContext>(_scope, _message, _workflow, tools);
        var updates = new List<ChatResponseUpdate>();
        Exception? failure = null;
        _workflow.OnModelCall();

        using var pumpCancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var client = _responder.CreateTurnClient();
        var pump = Task.Run(() => PumpAsync(client, messages, chatOptions, host, pumpCancellation.Token), CancellationToken.None);
        try
        {
            while (failure is null && await channel.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (failure is null && channel.Reader.TryRead(out var signal))
                {
                    List<ThreadStreamEvent> events;
                    switch (signal)
                    {
                        case PumpedUpdate(var update, var translated):
                            updates.Add(update);
                            events = translator.Translate(update);
                            translated.TrySetResult();
                            if (update.Contents.OfType<ErrorContent>().FirstOrDefault(e => !ResponseUpdateTranslator<TContext>.IsRefusal(e)) is { } error)
                            {
                                failure = new ChatModelErrorException(error);
                            }

                            break;
                        case ThreadStreamEvent toolEvent:
                            events = _workflow.OnToolEvent(toolEvent);
                            break;
                        case StreamFailure failed:
                            failure = failed.Exception;
                            events = [];
                            break;
                        default:
                            events = [];
                            break;
                    }

                    foreach (var e in events)
                    {
                        yield return e;
                    }
                }
            }
        }
        finally
        {
            // Stops the model and any running tool when the turn ends early (failure, or the consumer went away).
            await pumpCancellation.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (failure is not null)
        {
            if (failure is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                foreach (var e in CloseAfterFailure())
                {
                    yield return e;
                }
            }

            ExceptionDispatchInfo.Throw(failure);
        }

        foreach (var e in _message.Close())
        {
            yield return e;
        }

        if (translator.FinishNotice(updates) is { } notice)
        {
            yield return notice;
        }

        var clientCall = host.ClientToolRequest;
        if (clientCall is null && tools.ApprovalRequests.Count == 0 && tools.Unanswered.Count > 0)
        {
            // A call handed back without a result: a client tool's, or a server tool's past the iteration limit.
            if (tools.Unanswered.FirstOrDefault(call => !IsServerTool(chatOptions, call.Name)) is { } handedBack)
            {
                clientCall = new ClientToolRequest(handedBack.CallId, handedBack.Name, AIJson.ToJsonObject(handedBack.Arguments));
            }
            else
            {
                foreach (var e in _workflow.Close())
                {
                    yield return e;
                }

                throw new CustomStreamErrorException(_options.MaximumIterationsExceededMessage, allowRetry: true);
            }
        }

        if (clientCall is not null)
        {
            // The call is done on the server's side: the browser has it now.
            foreach (var e in _workflow.OnToolFinished(clientCall.CallId).Concat(_workflow.Close()))
            {
                yield return e;
            }

            _scope.ProducedVisibleItem = true;
            yield return new ThreadItemDoneEvent
            {
                Item = new ClientToolCallItem
                {
                    Id = _scope.CreateItemId(StoreItemKind.ToolCall),
                    ThreadId = _thread.Id,
                    CreatedAt = _scope.Now,
                    CallId = clientCall.CallId,
                    Name = clientCall.Name,
                    Arguments = clientCall.Arguments,
                },
            };
            await TurnTitler.SetTitleAsync(_options, _thread, _input, ct).ConfigureAwait(false);
            yield break;
        }

        foreach (var e in _workflow.Close())
        {
            yield return e;
        }

        if (!_scope.ProducedVisibleItem)
        {
            throw new CustomStreamErrorException(_options.EmptyResponseMessage, allowRetry: true);
        }

        if (_options.EmitEndOfTurn)
        {
            yield return new ThreadItemDoneEvent
            {
                Item = new EndOfTurnItem { Id = _scope.CreateItemId(StoreItemKind.Message), ThreadId = _thread.Id, CreatedAt = _scope.Now },
            };
        }

        await TurnTitler.SetTitleAsync(_options, _thread, _input, ct).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="name"/> is a tool the server runs (a client tool is only declared).</summary>
    private static bool IsServerTool(ChatOptions options, string name) =>
        options.Tools?.Any(t => t is AIFunction && t.Name == name) == true;

    /// <summary>
    /// Streams the model into the turn's channel on the flow where <see cref="ChatKitToolContext.Current"/> finds the
    /// turn's tools; a failure is passed on as a value, so the reader decides what to close.
    /// </summary>
    private static async Task PumpAsync(IChatClient client, List<ChatMessage> messages, ChatOptions options, ToolHost host, CancellationToken ct)
    {
        ToolHost.Active = host;
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, ct).WithCancellation(ct).ConfigureAwait(false))
            {
                foreach (var content in update.Contents)
                {
                    if (content is FunctionResultContent result)
                    {
                        host.MarkFinished(result.CallId);
                    }
                }

                // Lockstep: the next update is pulled (and a tool run, which happens inside that pull) only once this one
                // is translated, because the invoking client changes the calls it yielded (it marks the ones it handles
                // as informational) and the turn's clock must read as it did when the update arrived.
                var translated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await host.Writer.WriteAsync(new PumpedUpdate(update, translated), ct).ConfigureAwait(false);
                await translated.Task.WaitAsync(ct).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            host.Writer.TryWrite(new StreamFailure(e));
        }
        finally
        {
            host.Writer.TryComplete();
        }
    }

    /// <summary>An update of the model stream; the pump waits for <paramref name="Translated"/> before it pulls the next.</summary>
    private sealed record PumpedUpdate(ChatResponseUpdate Update, TaskCompletionSource Translated);

    /// <summary>The model stream (or a tool run inside it) failed.</summary>
    private sealed record StreamFailure(Exception Exception);

    /// <summary>Closes what a failed model call left open; a partial answer is kept only when the options say so.</summary>
    private List<ThreadStreamEvent> CloseAfterFailure()
    {
        var events = new List<ThreadStreamEvent>();
        if (!_options.KeepPartialMessageOnError)
        {
            events.AddRange(_message.Withdraw());
        }

        events.AddRange(_message.Close());
        events.AddRange(_workflow.Close());
        return events;
    }
}
