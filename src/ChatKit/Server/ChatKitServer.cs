using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatKit.Json;
using ChatKit.Stores;
using ChatKit.Widgets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatKit.Server;

/// <summary>
/// The ChatKit protocol engine. Subclass it, implement <see cref="RespondAsync"/>, hand it a store, and feed
/// <see cref="ProcessAsync(ReadOnlyMemory{byte}, TContext, CancellationToken)"/> the raw request bodies.
/// </summary>
/// <typeparam name="TContext">The per-request context built by the host (e.g. the signed-in user).</typeparam>
/// <remarks>
/// A server is meant to live as long as its store (a singleton, as <c>AddChatKit</c> registers it). One made for a
/// shorter time over a longer-lived store (per tenant, per scope) must be disposed: with a store that has a run
/// exchange (PostgreSQL), the server registers itself there to hear stop requests from other hosts.
/// </remarks>
public abstract partial class ChatKitServer<TContext> : IDisposable
{
    /// <summary>The sentence stored after a cancelled stream so the model does not resume the cancelled answer.</summary>
    public const string CancelledStreamNotice = "The user cancelled the stream. Stop responding to the prior request.";

    /// <summary>Creates the server from its registered services (see <c>AddChatKit</c>).</summary>
    protected ChatKitServer(ChatKitServerDependencies<TContext> dependencies)
        : this(
            (dependencies ?? throw new ArgumentNullException(nameof(dependencies))).Store,
            dependencies.AttachmentStore,
            dependencies.Options,
            null,
            dependencies.TimeProvider,
            dependencies.Metrics,
            dependencies.ThreadLocks)
    {
        Logger = dependencies.LoggerFactory.CreateLogger(GetType());
    }

    /// <summary>Creates the server.</summary>
    protected ChatKitServer(
        IStore<TContext> store,
        IAttachmentStore<TContext>? attachmentStore = null,
        ChatKitServerOptions? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        ChatKitMetrics? metrics = null)
        : this(store, attachmentStore, options, logger, timeProvider, metrics, null)
    {
    }

    private ChatKitServer(
        IStore<TContext> store,
        IAttachmentStore<TContext>? attachmentStore,
        ChatKitServerOptions? options,
        ILogger? logger,
        TimeProvider? timeProvider,
        ChatKitMetrics? metrics,
        IThreadLockProvider? threadLocks)
    {
        ArgumentNullException.ThrowIfNull(store);
        AttachmentStore = attachmentStore;
        Options = options ?? new ChatKitServerOptions();
        Logger = logger ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _metrics = metrics;

        // Turns queue in this process first (bounded, keyed by user and thread), so at most one turn per thread and
        // host ever waits on a distributed provider and whatever it holds while waiting (e.g. a connection). A
        // registered provider wins over the store's own locks.
        _localLocks = threadLocks as InProcessThreadLocks
            ?? new InProcessThreadLocks(Options.ThreadLockTimeout, Options.MaxQueuedTurnsPerThread, Options.BusyRetryAfter, TimeProvider);
        _distributedLocks = threadLocks is InProcessThreadLocks ? null : threadLocks ?? store as IThreadLockProvider;
        _userTurns = new UserTurnSlots(Options.MaxConcurrentTurnsPerUser, Options.BusyRetryAfter);
        _runs = new RunRegistry(Options.RunGracePeriod, TimeProvider);

        // Store calls are timed through a wrapper; the locks above come from the store itself.
        Store = metrics is null ? store : MeteredStore<TContext>.Wrap(store, metrics);
        _writeGroups = store as IStoreWriteGroups<TContext>;

        // Runs of other hosts (docs/scale-out.md, Runs): followed, reported and stopped through the store's exchange.
        _runExchange = (store as IRunExchangeProvider<TContext>)?.RunExchange;
        _stopRegistration = _runExchange?.OnStopRequested(runId => _runs.FindById(runId)?.Stop());
    }

    /// <summary>
    /// Unregisters the server from its store's run exchange, so the exchange no longer keeps it: stop requests that
    /// other hosts send for its runs are then not heard (<c>threads.stop_run</c> sent to this server still stops them).
    /// Runs under way are not stopped.
    /// </summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the server holds; override to release what a subclass holds, and call the base.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopRegistration?.Dispose();
        }
    }

    private readonly InProcessThreadLocks _localLocks;
    private readonly IThreadLockProvider? _distributedLocks;
    private readonly UserTurnSlots _userTurns;
    private readonly RunRegistry _runs;
    private readonly IRunExchange<TContext>? _runExchange;
    private readonly IDisposable? _stopRegistration;
    private readonly ChatKitMetrics? _metrics;

    // The store itself (not the metering wrapper): grouped writes are timed where they are made.
    private readonly IStoreWriteGroups<TContext>? _writeGroups;

    /// <summary>Threads, items and attachment metadata.</summary>
    public IStore<TContext> Store { get; }

    /// <summary>Attachment bytes, if uploads are supported.</summary>
    public IAttachmentStore<TContext>? AttachmentStore { get; }

    /// <summary>Settings.</summary>
    public ChatKitServerOptions Options { get; }

    /// <summary>Where failures are logged.</summary>
    protected ILogger Logger { get; }

    /// <summary>The clock used for <c>created_at</c>.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>
    /// The user a request counts against for the per-user limits (<see cref="ChatKitServerOptions.MaxConcurrentTurnsPerUser"/>)
    /// and whose thread locks it takes: <see cref="IUserContext.UserId"/> by default. Override it when the context
    /// names its user another way; otherwise all such requests share one scope.
    /// </summary>
    protected virtual string UserIdOf(TContext context) => context is IUserContext { UserId: { } id } ? id : string.Empty;

    /// <summary>The current time.</summary>
    protected DateTimeOffset Now => TimeProvider.GetUtcNow();

    /// <summary>A new item id for <paramref name="thread"/>, from the store's generator.</summary>
    public string CreateItemId(StoreItemKind kind, ThreadMetadata thread, TContext context) =>
        Store.GenerateItemId(kind, thread, context);

    /// <summary>
    /// Produces the response to a user message (or, with a null <paramref name="input"/>, continues the turn after a
    /// client tool output or structured input). Yield events; the server persists items and sends them.
    /// </summary>
    /// <param name="thread">The thread; changes to it (title, status, metadata) are saved and sent automatically.</param>
    /// <param name="input">The user message, or null when resuming.</param>
    /// <param name="context">The request context.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    protected abstract IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, TContext context, CancellationToken cancellationToken);

    /// <summary>Handles <c>threads.custom_action</c>. By default the action is not supported (an error event).</summary>
    /// <param name="thread">The thread.</param>
    /// <param name="action">The action type and payload.</param>
    /// <param name="sender">The widget item that fired it, if any.</param>
    /// <param name="context">The request context.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    protected virtual IAsyncEnumerable<ThreadStreamEvent> ActionAsync(
        ThreadMetadata thread, CustomAction action, WidgetItem? sender, TContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not handle custom actions (action '{action.Type}').");

    /// <summary>
    /// Handles <c>threads.sync_custom_action</c>: return the re-rendered widget item, or null. Nothing is persisted
    /// by the server; save the item yourself if it changed.
    /// </summary>
    protected virtual ValueTask<WidgetItem?> SyncActionAsync(
        ThreadMetadata thread, CustomAction action, WidgetItem? sender, TContext context, CancellationToken cancellationToken) =>
        throw new ChatKitNotSupportedException($"{GetType().Name} does not handle synchronous actions (action '{action.Type}').");

    /// <summary>Records feedback; the default does nothing.</summary>
    protected virtual ValueTask AddFeedbackAsync(
        string threadId, IReadOnlyList<string> itemIds, FeedbackKind kind, TContext context, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    /// <summary>Transcribes dictated audio. Not supported by default (501).</summary>
    protected virtual ValueTask<TranscriptionResult> TranscribeAsync(AudioInput audio, TContext context, CancellationToken cancellationToken) =>
        throw new ChatKitNotSupportedException($"{GetType().Name} does not transcribe audio.");

    /// <summary>
    /// Runs after <c>threads.delete</c> removed a thread. <paramref name="attachments"/> are those its user messages
    /// referenced (empty without an attachment store). By default they are kept, as the reference does, unless
    /// <see cref="ChatKitServerOptions.DeleteAttachmentsWithThread"/> is set: then their bytes and metadata are deleted.
    /// </summary>
    protected virtual async ValueTask OnThreadDeletedAsync(
        ThreadMetadata thread, IReadOnlyList<Attachment> attachments, TContext context, CancellationToken cancellationToken)
    {
        if (!Options.DeleteAttachmentsWithThread || AttachmentStore is null)
        {
            return;
        }

        foreach (var attachment in attachments)
        {
            await AttachmentStore.DeleteAttachmentAsync(attachment.Id, context, cancellationToken).ConfigureAwait(false);
            await Store.DeleteAttachmentAsync(attachment.Id, context, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<Attachment>> CollectAttachmentsAsync(ThreadMetadata thread, TContext context, CancellationToken ct)
    {
        var found = new Dictionary<string, Attachment>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await Store.LoadThreadItemsAsync(thread.Id, after, Options.MaxPageSize, SortOrder.Asc, context, ct).ConfigureAwait(false);
            foreach (var message in page.Data.OfType<UserMessageItem>())
            {
                foreach (var attachment in message.Attachments)
                {
                    found.TryAdd(attachment.Id, attachment);
                }
            }

            if (!page.HasMore || page.After is null)
            {
                return [.. found.Values];
            }

            after = page.After;
        }
    }

    /// <summary>Options sent first in every handler stream (stop button allowed by default).</summary>
    protected virtual StreamOptions GetStreamOptions(ThreadMetadata thread, TContext context) => new() { AllowCancel = true };

    /// <summary>
    /// Runs when the client disconnects mid-stream. The default keeps pending assistant messages that have visible
    /// text, drops other pending items, and stores a hidden notice for the model.
    /// </summary>
    /// <param name="thread">The thread.</param>
    /// <param name="pendingItems">Items announced but not done, in their latest known state.</param>
    /// <param name="context">The request context.</param>
    /// <param name="cancellationToken">A fresh token (the request's one is already cancelled).</param>
    protected virtual async ValueTask HandleStreamCancelledAsync(
        ThreadMetadata thread, IReadOnlyList<ThreadItem> pendingItems, TContext context, CancellationToken cancellationToken)
    {
        foreach (var item in pendingItems)
        {
            if (item is AssistantMessageItem message && message.Content.Any(c => !string.IsNullOrWhiteSpace(c.Text)))
            {
                await Store.AddThreadItemAsync(thread.Id, message, context, cancellationToken).ConfigureAwait(false);
            }
        }

        var notice = new SdkHiddenContextItem
        {
            Id = Store.GenerateItemId(StoreItemKind.SdkHiddenContext, thread, context),
            ThreadId = thread.Id,
            CreatedAt = Now,
            Content = CancelledStreamNotice,
        };
        await Store.AddThreadItemAsync(thread.Id, notice, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Processes one raw request body.</summary>
    /// <exception cref="ChatKitException">The request is rejected (bad input 400, not found 404, too large 413, …).</exception>
    public Task<ChatKitResult> ProcessAsync(ReadOnlyMemory<byte> body, TContext context, CancellationToken cancellationToken = default)
    {
        if (body.Length > Options.MaxRequestBytes)
        {
            throw new ChatKitPayloadTooLargeException(Options.MaxRequestBytes);
        }

        return ProcessAsync(ChatKitRequestParser.Parse(body.Span), context, cancellationToken);
    }

    /// <summary>Processes one raw request body from a client that declared <paramref name="options"/>.</summary>
    /// <exception cref="ChatKitException">The request is rejected (bad input 400, not found 404, too large 413, …).</exception>
    public Task<ChatKitResult> ProcessAsync(ReadOnlyMemory<byte> body, TContext context, ChatKitRequestOptions options, CancellationToken cancellationToken = default)
    {
        if (body.Length > Options.MaxRequestBytes)
        {
            throw new ChatKitPayloadTooLargeException(Options.MaxRequestBytes);
        }

        return ProcessAsync(ChatKitRequestParser.Parse(body.Span), context, options, cancellationToken);
    }

    /// <summary>Processes one parsed request.</summary>
    /// <exception cref="ChatKitException">The request is rejected.</exception>
    public Task<ChatKitResult> ProcessAsync(ChatKitRequest request, TContext context, CancellationToken cancellationToken = default) =>
        ProcessAsync(request, context, ChatKitRequestOptions.Default, cancellationToken);

    /// <summary>
    /// Processes one parsed request from a client that declared <paramref name="options"/>: with
    /// <see cref="ChatKitRequestOptions.ClientCanResume"/>, a turn runs apart from the request (docs/protocol.md §16).
    /// </summary>
    /// <exception cref="ChatKitException">The request is rejected.</exception>
    public async Task<ChatKitResult> ProcessAsync(ChatKitRequest request, TContext context, ChatKitRequestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        using var activity = ChatKitDiagnostics.Source.StartActivity("chatkit.request " + request.Type, ActivityKind.Internal);
        activity?.SetTag("chatkit.request.type", request.Type);
        if (request.ThreadId is { } threadId)
        {
            activity?.SetTag("chatkit.thread.id", threadId);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            RequestLimits.Validate(request, Options);
            if (request is ThreadsResumeRunRequest resume)
            {
                // Following a run is not a turn: it takes no turn slot or lock, and runs nothing.
                var follow = await FollowRunAsync(resume.Params, context, cancellationToken).ConfigureAwait(false);
                _metrics?.RecordRequest(request.Type, Stopwatch.GetElapsedTime(started));
                return follow;
            }

            if (request.IsStreaming)
            {
                // A turn's duration is recorded when its stream ends.
                return await PrepareLockedStreamAsync(request, context, options.ClientCanResume, started, cancellationToken).ConfigureAwait(false);
            }

            var json = new JsonResult(await HandleJsonRequestAsync(request, context, cancellationToken).ConfigureAwait(false));
            _metrics?.RecordRequest(request.Type, Stopwatch.GetElapsedTime(started));
            return json;
        }
        catch (Exception e)
        {
            _metrics?.RecordRequest(request.Type, Stopwatch.GetElapsedTime(started));
            if (e is ChatKitException chatKit)
            {
                activity?.SetStatus(ActivityStatusCode.Error, chatKit.Code);
            }

            throw;
        }
    }

    private async Task<ReadOnlyMemory<byte>> HandleJsonRequestAsync(ChatKitRequest request, TContext context, CancellationToken ct)
    {
        var wire = ChatKitJson.Wire;
        switch (request)
        {
            case ThreadsGetByIdRequest r:
            {
                var thread = await Store.LoadThreadAsync(r.Params.ThreadId, context, ct).ConfigureAwait(false);
                var activeRun = await ActiveRunAsync(thread, context, ct).ConfigureAwait(false);
                if (Store is IThreadItemJsonSource<TContext> jsonSource)
                {
                    var stored = await jsonSource.LoadThreadItemsJsonAsync(thread.Id, null, Options.DefaultPageSize, SortOrder.Asc, context, ct).ConfigureAwait(false);
                    return ThreadPageWriter.Thread(thread, Budget(stored), activeRun);
                }

                var items = await Store.LoadThreadItemsAsync(thread.Id, null, Options.DefaultPageSize, SortOrder.Asc, context, ct).ConfigureAwait(false);
                var response = thread.ToResponse(Budget(WithoutHidden(items)));
                response.ActiveRun = activeRun;
                return Serialize(response, wire.ChatThread);
            }

            case ThreadsStopRunRequest r:
                await StopRunAsync(r.Params.ThreadId, context, ct).ConfigureAwait(false);
                return Empty();

            case ThreadsListRequest r:
            {
                var page = await Store.LoadThreadsAsync(PageSize(r.Params.Limit), r.Params.After, r.Params.Order ?? SortOrder.Desc, context, ct).ConfigureAwait(false);
                return ThreadPageWriter.Page(PageBudget.Trim(page, Options.MaxPageBytes, PageBudget.ThreadBytes, static t => t.Id));
            }

            case ThreadsUpdateRequest r:
            {
                var thread = await RenameThreadAsync(r.Params.ThreadId, r.Params.Title, context, ct).ConfigureAwait(false);
                return Serialize(thread.ToResponse(), wire.ChatThread);
            }

            case ThreadsDeleteRequest r:
                await DeleteThreadAsync(r.Params.ThreadId, context, ct).ConfigureAwait(false);
                return Empty();

            case ItemsListRequest r:
            {
                if (Store is IThreadItemJsonSource<TContext> jsonSource)
                {
                    var stored = await jsonSource.LoadThreadItemsJsonAsync(
                        r.Params.ThreadId, r.Params.After, PageSize(r.Params.Limit), r.Params.Order ?? SortOrder.Desc, context, ct).ConfigureAwait(false);
                    return StoredItemPageWriter.Page(Budget(stored));
                }

                var page = await Store.LoadThreadItemsAsync(r.Params.ThreadId, r.Params.After, PageSize(r.Params.Limit), r.Params.Order ?? SortOrder.Desc, context, ct).ConfigureAwait(false);
                return Serialize(Budget(WithoutHidden(page)), wire.PageThreadItem);
            }

            case ItemsFeedbackRequest r:
                // Loading the thread enforces ownership before the handler sees the ids.
                await Store.LoadThreadAsync(r.Params.ThreadId, context, ct).ConfigureAwait(false);
                await AddFeedbackAsync(r.Params.ThreadId, r.Params.ItemIds, r.Params.Kind, context, ct).ConfigureAwait(false);
                return Empty();

            case AttachmentsCreateRequest r:
            {
                var attachmentStore = RequireAttachmentStore();
                if (string.IsNullOrWhiteSpace(r.Params.Name) || r.Params.Size < 0 || string.IsNullOrWhiteSpace(r.Params.MimeType))
                {
                    throw new ChatKitBadRequestException("attachments.create needs a non-empty name and mime_type and a size of at least 0.");
                }

                var attachment = await attachmentStore.CreateAttachmentAsync(r.Params, context, ct).ConfigureAwait(false);
                await Store.SaveAttachmentAsync(attachment, context, ct).ConfigureAwait(false);
                return Serialize(attachment, wire.Attachment);
            }

            case AttachmentsDeleteRequest r:
            {
                var attachmentStore = RequireAttachmentStore();
                var attachment = await Store.LoadAttachmentAsync(r.Params.AttachmentId, context, ct).ConfigureAwait(false);
                await attachmentStore.DeleteAttachmentAsync(attachment.Id, context, ct).ConfigureAwait(false);
                await Store.DeleteAttachmentAsync(attachment.Id, context, ct).ConfigureAwait(false);
                return Empty();
            }

            case InputTranscribeRequest r:
            {
                var audio = new AudioInput { Data = Base64.DecodeLenient(r.Params.AudioBase64), MimeType = r.Params.MimeType };
                var result = await TranscribeAsync(audio, context, ct).ConfigureAwait(false);
                return Serialize(result, wire.TranscriptionResult);
            }

            case ThreadsSyncCustomActionRequest r:
            {
                var (thread, sender) = await LoadActionTargetAsync(r.Params, context, ct).ConfigureAwait(false);
                if (r.Params.ItemId is not null && sender is null)
                {
                    throw new ChatKitBadRequestException($"Item '{r.Params.ItemId}' is not a widget; only widgets send actions.");
                }

                var updated = await SyncActionAsync(thread, r.Params.Action, sender, context, ct).ConfigureAwait(false);
                return Serialize(new SyncCustomActionResponse { UpdatedItem = updated }, wire.SyncCustomActionResponse);
            }

            default:
                throw new ChatKitBadRequestException($"Request type '{request.Type}' does not return JSON.");
        }
    }

    private IAttachmentStore<TContext> RequireAttachmentStore() =>
        AttachmentStore ?? throw new ChatKitNotSupportedException("This server has no attachment store, so it does not accept attachments.");

    private int PageSize(int? limit) => limit switch
    {
        null or 0 => Options.DefaultPageSize,
        < 0 => throw new ChatKitBadRequestException($"'limit' must be positive, not {limit}."),
        var l when l > Options.MaxPageSize => throw new ChatKitBadRequestException($"'limit' must be at most {Options.MaxPageSize}, not {limit}."),
        var l => l.Value,
    };

    private Page<StoredItemJson> Budget(Page<StoredItemJson> page) =>
        PageBudget.Trim(page, Options.MaxPageBytes, PageBudget.StoredItemBytes, static i => i.Id);

    // Items without a stored JSON form are measured by serializing them: the price of a bounded page on such stores.
    private Page<ThreadItem> Budget(Page<ThreadItem> page) =>
        PageBudget.Trim(page, Options.MaxPageBytes, static i => JsonSerializer.SerializeToUtf8Bytes(i, ChatKitJson.Wire.ThreadItem).Length, static i => i.Id);

    private static Page<ThreadItem> WithoutHidden(Page<ThreadItem> page) =>
        page.Data.Any(i => i.IsHidden)
            ? new Page<ThreadItem> { Data = page.Data.Where(i => !i.IsHidden).ToList(), HasMore = page.HasMore, After = page.After }
            : page;

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private static byte[] Empty() => "{}"u8.ToArray();
}
