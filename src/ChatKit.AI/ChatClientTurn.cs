using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// One turn of a <see cref="ChatClientResponder"/>: the model/tool loop. The translation of model updates
/// (<see cref="ResponseUpdateTranslator{TContext}"/>), the open message and workflow
/// (<see cref="AssistantMessageStream{TContext}"/>, <see cref="WorkflowDisplay{TContext}"/>) and the tool calls
/// (<see cref="ToolRoundRunner{TContext}"/>) are parts of their own. Every event carries objects built for it alone,
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
    private readonly GeneratedImageStream<TContext> _images;
    private readonly ResponseUpdateTranslator<TContext> _translator;

    public ChatClientTurn(ChatClientResponder responder, ChatKitServer<TContext> server, ThreadMetadata thread, UserMessageItem? input, TContext context)
    {
        _responder = responder;
        _options = responder.Options;
        _thread = thread;
        _input = input;
        _scope = new TurnScope<TContext>(server, thread, context, _options);
        _message = new AssistantMessageStream<TContext>(_scope);
        _workflow = new WorkflowDisplay<TContext>(_scope, responder);
        _images = new GeneratedImageStream<TContext>(_scope);
        _translator = new ResponseUpdateTranslator<TContext>(_scope, _message, _workflow, _images);
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
        var declarations = new Dictionary<string, AIFunctionDeclaration>(StringComparer.Ordinal);
        foreach (var tool in chatOptions.Tools ?? [])
        {
            if (tool is AIFunctionDeclaration declaration)
            {
                declarations[declaration.Name] = declaration;
            }
        }

        var tools = new ToolRoundRunner<TContext>(_scope, declarations);

        for (var round = 0; ; round++)
        {
            var updates = new List<ChatResponseUpdate>();
            var calls = new List<FunctionCallContent>();
            Exception? failure = null;
            _workflow.OnModelCall();

            IAsyncEnumerator<ChatResponseUpdate>? stream = null;
            try
            {
                stream = _responder.ChatClient.GetStreamingResponseAsync(messages, chatOptions, ct).GetAsyncEnumerator(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // A client that fails before streaming (e.g. validating the request) fails like a broken stream.
                failure = e;
            }

            try
            {
                while (stream is not null)
                {
                    try
                    {
                        if (!await stream.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception e)
                    {
                        failure = e;
                        break;
                    }

                    var update = stream.Current;
                    updates.Add(update);
                    List<ThreadStreamEvent> translated;
                    try
                    {
                        translated = await _translator.TranslateAsync(update, calls, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception e)
                    {
                        // E.g. a generated image that could not be stored: the call fails like a broken stream.
                        failure = e;
                        break;
                    }

                    foreach (var e in translated)
                    {
                        yield return e;
                    }

                    if (update.Contents.OfType<ErrorContent>().FirstOrDefault(e => !ResponseUpdateTranslator<TContext>.IsRefusal(e)) is { } error)
                    {
                        failure = new ChatModelErrorException(error);
                        break;
                    }
                }
            }
            finally
            {
                if (stream is not null)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (failure is not null)
            {
                foreach (var e in CloseAfterFailure())
                {
                    yield return e;
                }

                ExceptionDispatchInfo.Throw(failure);
            }

            foreach (var e in _message.Close())
            {
                yield return e;
            }

            foreach (var e in await _images.CloseAsync(ct).ConfigureAwait(false))
            {
                yield return e;
            }

            if (_translator.FinishNotice(updates) is { } notice)
            {
                yield return notice;
            }

            if (calls.Count == 0)
            {
                break;
            }

            if (round >= _options.MaxToolRounds)
            {
                foreach (var e in _workflow.Close())
                {
                    yield return e;
                }

                throw new CustomStreamErrorException(_options.ToolRoundsExceededMessage, allowRetry: true);
            }

            messages.AddRange(updates.ToChatResponse().Messages);

            // The tools run on their own task and talk to this iterator through a channel, so their events (and the
            // per-call status) are streamed while they run, in order, from this single consumer.
            var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
            var toolRound = new ToolRound(channel.Writer, _options.TimeProvider);
            foreach (var e in _workflow.OnToolCallsStarting(calls))
            {
                yield return e;
            }

            var results = new FunctionResultContent[calls.Count];
            var running = tools.RunAsync(calls, toolRound, results, ct);
            try
            {
                await foreach (var signal in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    var events = signal switch
                    {
                        ToolFinished finished => _workflow.OnToolFinished(finished.Index),
                        ThreadStreamEvent e => _workflow.OnToolEvent(e),
                        _ => [],
                    };
                    foreach (var e in events)
                    {
                        yield return e;
                    }
                }
            }
            finally
            {
                // Observe the task even when the consumer stops early; a cancelled tool run surfaces below.
                await ((Task)running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await running.ConfigureAwait(false);
            if (_options.RememberToolResults)
            {
                // Hidden notes so later turns know what the tools returned (the call itself is not kept).
                for (var i = 0; i < calls.Count; i++)
                {
                    if (calls[i].CallId != toolRound.ClientToolRequest?.CallId)
                    {
                        yield return tools.RememberResult(calls[i], results[i]);
                    }
                }
            }

            if (toolRound.ClientToolRequest is { } clientCall)
            {
                foreach (var e in _workflow.Close())
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

            messages.Add(new ChatMessage(ChatRole.Tool, [.. results]));
            if (chatOptions.ToolMode is RequiredChatToolMode)
            {
                // A required tool was called; asking again would force another call forever.
                chatOptions = chatOptions.Clone();
                chatOptions.ToolMode = null;
            }
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

    /// <summary>Closes what a failed model call left open; a partial answer is kept only when the options say so.</summary>
    private List<ThreadStreamEvent> CloseAfterFailure()
    {
        var events = new List<ThreadStreamEvent>();
        if (!_options.KeepPartialMessageOnError)
        {
            events.AddRange(_message.Withdraw());
        }

        events.AddRange(_message.Close());
        events.AddRange(_images.Withdraw());
        events.AddRange(_workflow.Close());
        return events;
    }
}
