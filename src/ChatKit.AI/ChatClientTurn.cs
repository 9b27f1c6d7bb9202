using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading.Channels;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatKit.AI;

/// <summary>
/// One turn of a <see cref="ChatClientResponder"/>: the model/tool loop and the translation of model updates into
/// ChatKit events. Every event carries objects built for it alone, so nothing already yielded changes afterwards.
/// </summary>
internal sealed class ChatClientTurn<TContext>
{
    private readonly ChatClientResponder _responder;
    private readonly ChatClientResponderOptions _options;
    private readonly ChatKitServer<TContext> _server;
    private readonly ThreadMetadata _thread;
    private readonly TContext _context;
    private readonly UserMessageItem? _input;

    private OpenMessage? _message;
    private OpenWorkflow? _workflow;
    private bool _producedVisibleItem;

    public ChatClientTurn(ChatClientResponder responder, ChatKitServer<TContext> server, ThreadMetadata thread, UserMessageItem? input, TContext context)
    {
        _responder = responder;
        _options = responder.Options;
        _server = server;
        _thread = thread;
        _input = input;
        _context = context;
    }

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    public async IAsyncEnumerable<ThreadStreamEvent> RunAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var history = (await _responder.LoadHistoryAsync(_server, _thread, _context, ct).ConfigureAwait(false)).ToList();
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
        var tools = new Dictionary<string, AIFunctionDeclaration>(StringComparer.Ordinal);
        foreach (var tool in chatOptions.Tools ?? [])
        {
            if (tool is AIFunctionDeclaration declaration)
            {
                tools[declaration.Name] = declaration;
            }
        }

        for (var round = 0; ; round++)
        {
            var updates = new List<ChatResponseUpdate>();
            var calls = new List<FunctionCallContent>();
            Exception? failure = null;
            if (_workflow is { } continued)
            {
                // Reasoning of a new model call is a new thought.
                continued.ThoughtIndex = null;
            }

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
                    foreach (var e in OnUpdate(update, calls))
                    {
                        yield return e;
                    }

                    if (update.Contents.OfType<ErrorContent>().FirstOrDefault(e => !IsRefusal(e)) is { } error)
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

            foreach (var e in CloseMessage())
            {
                yield return e;
            }

            if (FinishNotice(updates) is { } notice)
            {
                yield return notice;
            }

            if (calls.Count == 0)
            {
                break;
            }

            if (round >= _options.MaxToolRounds)
            {
                foreach (var e in CloseWorkflow())
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
            foreach (var e in OnToolCallsStarting(calls))
            {
                yield return e;
            }

            var results = new FunctionResultContent[calls.Count];
            var running = RunToolsAsync(calls, tools, toolRound, results, ct);
            try
            {
                await foreach (var signal in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    var events = signal switch
                    {
                        ToolFinished finished => OnToolFinished(finished.Index),
                        ThreadStreamEvent e => OnToolEvent(e),
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
                        yield return RememberToolResult(calls[i], results[i]);
                    }
                }
            }

            if (toolRound.ClientToolRequest is { } clientCall)
            {
                foreach (var e in CloseWorkflow())
                {
                    yield return e;
                }

                _producedVisibleItem = true;
                yield return new ThreadItemDoneEvent
                {
                    Item = new ClientToolCallItem
                    {
                        Id = _server.CreateItemId(StoreItemKind.ToolCall, _thread, _context),
                        ThreadId = _thread.Id,
                        CreatedAt = Now,
                        CallId = clientCall.CallId,
                        Name = clientCall.Name,
                        Arguments = clientCall.Arguments,
                    },
                };
                await SetTitleAsync(ct).ConfigureAwait(false);
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

        foreach (var e in CloseWorkflow())
        {
            yield return e;
        }

        if (!_producedVisibleItem)
        {
            throw new CustomStreamErrorException(_options.EmptyResponseMessage, allowRetry: true);
        }

        if (_options.EmitEndOfTurn)
        {
            yield return new ThreadItemDoneEvent
            {
                Item = new EndOfTurnItem { Id = _server.CreateItemId(StoreItemKind.Message, _thread, _context), ThreadId = _thread.Id, CreatedAt = Now },
            };
        }

        await SetTitleAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Titles an untitled thread after a turn answering a user message; the server saves and announces it.</summary>
    private async Task SetTitleAsync(CancellationToken ct)
    {
        if (_options.TitleGenerator is not { } titles || _input is null || _thread.Title is not null)
        {
            return;
        }

        try
        {
            await titles.TrySetTitleAsync(_thread, _input, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A missing title is not worth failing a turn that already succeeded.
            _options.Logger?.LogWarning(e, "Generating a title for thread {ThreadId} failed.", _thread.Id);
        }
    }

    // ---- model updates -------------------------------------------------------------------------------------------

    private List<ThreadStreamEvent> OnUpdate(ChatResponseUpdate update, List<FunctionCallContent> calls)
    {
        var events = new List<ThreadStreamEvent>();
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextReasoningContent reasoning when !string.IsNullOrEmpty(reasoning.Text):
                    OnReasoning(reasoning.Text, events);
                    break;
                case TextContent text:
                    OnText(text, events);
                    break;
                case ErrorContent refusal when IsRefusal(refusal):
                    // The model declined: its explanation is the answer the user should read.
                    OnText(new TextContent(refusal.Message), events);
                    break;
                case FunctionCallContent call when !call.InformationalOnly:
                    calls.Add(call);
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    events.Add(ImageDone(data.Uri));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    events.Add(ImageDone(uri.Uri.ToString()));
                    break;
                case ImageGenerationToolResultContent generated:
                    foreach (var output in generated.Outputs ?? [])
                    {
                        switch (output)
                        {
                            case DataContent data:
                                events.Add(ImageDone(data.Uri));
                                break;
                            case UriContent uri:
                                events.Add(ImageDone(uri.Uri.ToString()));
                                break;
                        }
                    }

                    break;
                case { Annotations.Count: > 0 } annotated:
                    // Some clients (the official OpenAI Responses adapter) stream citations after the text, on a content
                    // of their own rather than on a TextContent: they annotate the open message all the same.
                    OnText(new TextContent(string.Empty) { Annotations = annotated.Annotations }, events);
                    break;
            }
        }

        return events;
    }

    private static bool IsRefusal(ErrorContent error) => string.Equals(error.ErrorCode, "refusal", StringComparison.OrdinalIgnoreCase);

    private NoticeEvent? FinishNotice(List<ChatResponseUpdate> updates)
    {
        var reason = updates.LastOrDefault(u => u.FinishReason is not null)?.FinishReason;
        var message = reason == ChatFinishReason.Length ? _options.TruncatedNotice
            : reason == ChatFinishReason.ContentFilter ? _options.ContentFilteredNotice
            : null;
        if (message is null)
        {
            return null;
        }

        // A notice is something the user saw; it is not an empty reply.
        _producedVisibleItem = true;
        return new NoticeEvent { Level = NoticeLevel.Warning, Message = message };
    }

    private void OnReasoning(string delta, List<ThreadStreamEvent> events)
    {
        events.AddRange(CloseMessage());
        if (_workflow is not { Type: WorkflowType.Reasoning })
        {
            events.AddRange(CloseWorkflow());
            _workflow = new OpenWorkflow(_server.CreateItemId(StoreItemKind.Workflow, _thread, _context), Now, WorkflowType.Reasoning) { Announced = true };
            events.Add(new ThreadItemAddedEvent { Item = _workflow.ToItem(_thread.Id, summary: null) });
        }

        var workflow = _workflow;
        if (workflow.ThoughtIndex is not { } index)
        {
            workflow.ThoughtIndex = workflow.Tasks.Count;
            workflow.Tasks.Add(new ThoughtTask { Content = delta });
            events.Add(Updated(workflow.Id, new WorkflowTaskAdded { TaskIndex = workflow.ThoughtIndex.Value, Task = Copy(workflow.Tasks[^1]) }));
            return;
        }

        var thought = (ThoughtTask)workflow.Tasks[index];
        workflow.Tasks[index] = new ThoughtTask { Content = thought.Content + delta };
        events.Add(Updated(workflow.Id, new WorkflowTaskUpdated { TaskIndex = index, Task = Copy(workflow.Tasks[index]) }));
    }

    private void OnText(TextContent text, List<ThreadStreamEvent> events)
    {
        var citations = text.Annotations?.OfType<CitationAnnotation>().ToList() ?? [];
        if (_message is null)
        {
            if (string.IsNullOrEmpty(text.Text) && citations.Count == 0)
            {
                return;
            }

            events.AddRange(CloseWorkflow());
            _message = new OpenMessage(_server.CreateItemId(StoreItemKind.Message, _thread, _context), Now);
            events.Add(new ThreadItemAddedEvent { Item = new AssistantMessageItem { Id = _message.Id, ThreadId = _thread.Id, CreatedAt = _message.CreatedAt } });
            events.Add(Updated(_message.Id, new AssistantMessageContentPartAdded { ContentIndex = 0, Content = new AssistantMessageContent() }));
        }

        var message = _message;
        if (!string.IsNullOrEmpty(text.Text))
        {
            message.Text.Append(text.Text);
            events.Add(Updated(message.Id, new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = text.Text }));
        }

        foreach (var citation in citations)
        {
            if (ToAnnotation(citation, message.Text.Length) is not { } annotation)
            {
                continue;
            }

            message.Annotations.Add(annotation);
            events.Add(Updated(message.Id, new AssistantMessageContentPartAnnotationAdded
            {
                ContentIndex = 0,
                AnnotationIndex = message.Annotations.Count - 1,
                Annotation = annotation,
            }));
        }
    }

    private static Annotation? ToAnnotation(CitationAnnotation citation, int textLength)
    {
        var index = citation.AnnotatedRegions?.OfType<TextSpanAnnotatedRegion>().Select(r => r.EndIndex).FirstOrDefault(i => i is not null) ?? textLength;
        Source? source = null;
        if (citation.Url is { } url)
        {
            source = new UrlSource { Url = url.ToString(), Title = string.IsNullOrEmpty(citation.Title) ? url.ToString() : citation.Title };
        }
        else if ((string.IsNullOrEmpty(citation.Title) ? citation.FileId : citation.Title) is { Length: > 0 } filename)
        {
            source = new FileSource { Filename = filename, Title = filename };
        }

        return source is null ? null : new Annotation { Source = source, Index = index };
    }

    private ThreadItemDoneEvent ImageDone(string url)
    {
        _producedVisibleItem = true;
        var id = _server.CreateItemId(StoreItemKind.Message, _thread, _context);
        return new ThreadItemDoneEvent
        {
            Item = new GeneratedImageItem { Id = id, ThreadId = _thread.Id, CreatedAt = Now, Image = new GeneratedImage { Id = id, Url = url } },
        };
    }

    // ---- closing items ---------------------------------------------------------------------------------------------

    private List<ThreadStreamEvent> CloseMessage()
    {
        if (_message is not { } message)
        {
            return [];
        }

        _message = null;
        var text = message.Text.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            // Nothing worth keeping was said: withdraw the announced item instead of persisting an empty message.
            return [new ThreadItemRemovedEvent { ItemId = message.Id }];
        }

        _producedVisibleItem = true;
        return
        [
            Updated(message.Id, new AssistantMessageContentPartDone { ContentIndex = 0, Content = message.Part() }),
            new ThreadItemDoneEvent
            {
                Item = new AssistantMessageItem { Id = message.Id, ThreadId = _thread.Id, CreatedAt = message.CreatedAt, Content = [message.Part()] },
            },
        ];
    }

    private List<ThreadStreamEvent> CloseWorkflow()
    {
        if (_workflow is not { } workflow)
        {
            return [];
        }

        _workflow = null;
        if (!workflow.Announced)
        {
            return [];
        }

        var seconds = (int)Math.Max(0, (Now - workflow.CreatedAt).TotalSeconds);
        return [new ThreadItemDoneEvent { Item = workflow.ToItem(_thread.Id, new DurationSummary { Duration = seconds }) }];
    }

    private List<ThreadStreamEvent> CloseAfterFailure()
    {
        var events = new List<ThreadStreamEvent>();
        if (_message is { } message && !_options.KeepPartialMessageOnError)
        {
            _message = null;
            events.Add(new ThreadItemRemovedEvent { ItemId = message.Id });
        }

        events.AddRange(CloseMessage());
        events.AddRange(CloseWorkflow());
        return events;
    }

    // ---- tools -----------------------------------------------------------------------------------------------------

    private List<ThreadStreamEvent> OnToolCallsStarting(List<FunctionCallContent> calls)
    {
        var events = new List<ThreadStreamEvent>();
        switch (_options.ToolCallDisplay)
        {
            case ToolCallDisplay.ProgressUpdate:
                foreach (var call in calls)
                {
                    events.Add(new ProgressUpdateEvent { Text = _responder.GetToolCallText(call) });
                }

                break;

            case ToolCallDisplay.Workflow:
                if (_workflow is not { Type: WorkflowType.Custom })
                {
                    events.AddRange(CloseWorkflow());
                    _workflow = new OpenWorkflow(_server.CreateItemId(StoreItemKind.Workflow, _thread, _context), Now, WorkflowType.Custom);
                }

                var workflow = _workflow;
                workflow.CallTasks.Clear();
                for (var i = 0; i < calls.Count; i++)
                {
                    var task = new CustomTask { Title = _responder.GetToolCallText(calls[i]), StatusIndicator = TaskStatusIndicator.Loading };
                    workflow.CallTasks[i] = workflow.Tasks.Count;
                    workflow.Tasks.Add(task);
                    if (!workflow.Announced)
                    {
                        // Custom workflows are announced with their first task.
                        workflow.Announced = true;
                        events.Add(new ThreadItemAddedEvent { Item = workflow.ToItem(_thread.Id, summary: null) });
                    }
                    else
                    {
                        events.Add(Updated(workflow.Id, new WorkflowTaskAdded { TaskIndex = workflow.Tasks.Count - 1, Task = Copy(task) }));
                    }
                }

                break;
        }

        return events;
    }

    private List<ThreadStreamEvent> OnToolFinished(int callIndex)
    {
        if (_workflow is not { Type: WorkflowType.Custom } workflow || !workflow.CallTasks.TryGetValue(callIndex, out var taskIndex))
        {
            return [];
        }

        var task = (CustomTask)Copy(workflow.Tasks[taskIndex]);
        task.StatusIndicator = TaskStatusIndicator.Complete;
        workflow.Tasks[taskIndex] = task;
        return [Updated(workflow.Id, new WorkflowTaskUpdated { TaskIndex = taskIndex, Task = Copy(task) })];
    }

    private List<ThreadStreamEvent> OnToolEvent(ThreadStreamEvent e)
    {
        var events = new List<ThreadStreamEvent>();
        var item = e switch
        {
            ThreadItemAddedEvent added => added.Item,
            ThreadItemDoneEvent done => done.Item,
            _ => null,
        };
        if (item is not null && !item.IsHidden && item is not ClientToolCallItem && item.Id != _workflow?.Id)
        {
            // A visible item after the tool workflow: close the workflow so the item shows below it.
            if (_workflow is { } workflow)
            {
                foreach (var (_, taskIndex) in workflow.CallTasks)
                {
                    if (workflow.Tasks[taskIndex] is CustomTask { StatusIndicator: TaskStatusIndicator.Loading } loading)
                    {
                        var complete = (CustomTask)Copy(loading);
                        complete.StatusIndicator = TaskStatusIndicator.Complete;
                        workflow.Tasks[taskIndex] = complete;
                    }
                }

                events.AddRange(CloseWorkflow());
            }

            if (e is ThreadItemDoneEvent)
            {
                _producedVisibleItem = true;
            }
        }

        events.Add(e);
        return events;
    }

    private async Task RunToolsAsync(
        List<FunctionCallContent> calls, Dictionary<string, AIFunctionDeclaration> tools, ToolRound round, FunctionResultContent[] results, CancellationToken ct)
    {
        try
        {
            if (_options.ConcurrentToolInvocation && calls.Count > 1)
            {
                await Task.WhenAll(calls.Select((call, i) => Task.Run(() => InvokeAsync(call, i, tools, round, results, ct), ct))).ConfigureAwait(false);
            }
            else
            {
                for (var i = 0; i < calls.Count; i++)
                {
                    await InvokeAsync(calls[i], i, tools, round, results, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            round.Writer.TryComplete();
        }
    }

    private async Task InvokeAsync(
        FunctionCallContent call, int index, Dictionary<string, AIFunctionDeclaration> tools, ToolRound round, FunctionResultContent[] results, CancellationToken ct)
    {
        results[index] = await InvokeCoreAsync(call, tools, round, ct).ConfigureAwait(false);
        await round.Writer.WriteAsync(new ToolFinished(index), ct).ConfigureAwait(false);
    }

    private async Task<FunctionResultContent> InvokeCoreAsync(
        FunctionCallContent call, Dictionary<string, AIFunctionDeclaration> tools, ToolRound round, CancellationToken ct)
    {
        if (!tools.TryGetValue(call.Name, out var tool))
        {
            var known = tools.Count == 0 ? "none" : string.Join(", ", tools.Keys);
            return Failed(call, $"Error: there is no tool named '{call.Name}'. Available tools: {known}.");
        }

        if (call.Exception is { } parseError)
        {
            return Failed(call, $"Error: the arguments of this call are not valid JSON ({parseError.Message}). Call the tool again with a valid JSON object.", parseError);
        }

        if (tool is not AIFunction function)
        {
            // A declaration the server cannot run: a client tool.
            round.RequestClientToolCall(new ClientToolRequest(call.CallId, call.Name, AIJson.ToJsonObject(call.Arguments)));
            return new FunctionResultContent(call.CallId, "The call was sent to the user's browser.");
        }

        var toolContext = new ChatKitToolContext<TContext>(round, call, _server, _thread, _context);
        var arguments = new AIFunctionArguments(call.Arguments ?? new Dictionary<string, object?>())
        {
            Context = new Dictionary<object, object?> { [typeof(ChatKitToolContext)] = toolContext },
            Services = new ToolServices(toolContext, _options.Services),
        };
        var previous = ChatKitToolContext.Current;
        ChatKitToolContext.Current = toolContext;
        try
        {
            var value = await function.InvokeAsync(arguments, ct).ConfigureAwait(false);
            return new FunctionResultContent(call.CallId, value);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            _options.Logger?.LogWarning(e, "Tool {Tool} failed in thread {ThreadId}; the model is told it failed.", call.Name, _thread.Id);
            var message = _options.IncludeToolExceptionDetails
                ? $"Error: the tool failed: {e.Message}"
                : "Error: the tool failed.";
            return Failed(call, message, e);
        }
        finally
        {
            ChatKitToolContext.Current = previous;
        }
    }

    private ThreadItemDoneEvent RememberToolResult(FunctionCallContent call, FunctionResultContent result)
    {
        var output = AIJson.ToText(result.Result);
        var limit = Math.Max(0, _options.MaxRememberedToolResultLength);
        if (output.Length > limit)
        {
            output = output[..limit] + "… (truncated)";
        }

        return new ThreadItemDoneEvent
        {
            Item = new SdkHiddenContextItem
            {
                Id = _server.CreateItemId(StoreItemKind.SdkHiddenContext, _thread, _context),
                ThreadId = _thread.Id,
                CreatedAt = Now,
                Content = $"The assistant called the tool {call.Name} with the arguments {AIJson.ToText(AIJson.ToJsonObject(call.Arguments))} and it returned:\n{output}",
            },
        };
    }

    private static FunctionResultContent Failed(FunctionCallContent call, string message, Exception? exception = null) =>
        new(call.CallId, message) { Exception = exception };

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static ThreadItemUpdatedEvent Updated(string itemId, ThreadItemUpdate update) => new() { ItemId = itemId, Update = update };

    private static WorkflowTask Copy(WorkflowTask task) => task switch
    {
        ThoughtTask t => new ThoughtTask { Content = t.Content, Title = t.Title, StatusIndicator = t.StatusIndicator },
        CustomTask c => new CustomTask { Title = c.Title, Content = c.Content, Icon = c.Icon, StatusIndicator = c.StatusIndicator },
        _ => task,
    };

    private sealed class OpenMessage(string id, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public StringBuilder Text { get; } = new();

        public List<Annotation> Annotations { get; } = [];

        public AssistantMessageContent Part() => new() { Text = Text.ToString(), Annotations = [.. Annotations] };
    }

    private sealed class OpenWorkflow(string id, DateTimeOffset createdAt, WorkflowType type)
    {
        public string Id { get; } = id;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public WorkflowType Type { get; } = type;

        public List<WorkflowTask> Tasks { get; } = [];

        public bool Announced { get; set; }

        /// <summary>The streaming thought of a reasoning workflow.</summary>
        public int? ThoughtIndex { get; set; }

        /// <summary>Call index of the current round → task index, for tool workflows.</summary>
        public Dictionary<int, int> CallTasks { get; } = [];

        public WorkflowItem ToItem(string threadId, WorkflowSummary? summary) => new()
        {
            Id = Id,
            ThreadId = threadId,
            CreatedAt = CreatedAt,
            Workflow = new Workflow { Type = Type, Tasks = Tasks.Select(Copy).ToList(), Summary = summary, Expanded = false },
        };
    }
}

/// <summary>Services of a tool call: its ChatKit context first, then the host's services.</summary>
internal sealed class ToolServices(ChatKitToolContext context, IServiceProvider? inner) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType.IsInstanceOfType(context) ? context : inner?.GetService(serviceType);
}

/// <summary>The model reported an error inside its response stream (<see cref="ErrorContent"/>).</summary>
public sealed class ChatModelErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChatModelErrorException(ErrorContent error)
        : base(error?.Message ?? "The model reported an error.")
    {
        Error = error;
    }

    /// <summary>The error content the model sent.</summary>
    public ErrorContent? Error { get; }
}
