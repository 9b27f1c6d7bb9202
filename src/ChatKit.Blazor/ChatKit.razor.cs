using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ChatKit.Blazor;

/// <summary>
/// Renders <c>&lt;openai-chatkit&gt;</c> and drives it from C#: typed options, <c>chatkit.*</c> events as
/// <see cref="EventCallback"/>s, handlers written in C#, and the element's methods.
/// </summary>
public sealed partial class ChatKit : ComponentBase, IAsyncDisposable
{
    private const string ModulePath = "./_content/ChatKit.Blazor/chatkit-blazor.js";

    private readonly CancellationTokenSource disposal = new();
    private ElementReference element;
    private IJSObjectReference? module;
    private IJSObjectReference? binding;
    private DotNetObjectReference<ChatKit>? self;
    private string? appliedConfiguration;
    private bool disposed;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The element's options. A changed value is applied with <c>setOptions</c>; the thread stays open.</summary>
    [Parameter, EditorRequired] public ChatKitOptions Options { get; set; } = default!;

    /// <summary>
    /// URL of the element script. Defaults to <c>{Options.Api.Url}/chatkit.js</c>, which <c>MapChatKit</c> serves.
    /// </summary>
    [Parameter] public string? ScriptUrl { get; set; }

    /// <summary>CSS class of the element (and of the prerendered placeholder).</summary>
    [Parameter] public string? Class { get; set; }

    /// <summary>Inline style of the element, e.g. its height.</summary>
    [Parameter] public string? Style { get; set; }

    /// <summary>Text of the placeholder rendered while prerendering.</summary>
    [Parameter] public string PlaceholderText { get; set; } = "Loading chat…";

    /// <summary>Other attributes for the element.</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    /// <summary><c>chatkit.ready</c>: the element has its options.</summary>
    [Parameter] public EventCallback OnReady { get; set; }

    /// <summary><c>chatkit.error</c>.</summary>
    [Parameter] public EventCallback<ChatKitErrorEventArgs> OnError { get; set; }

    /// <summary><c>chatkit.response.start</c>: a streamed response began.</summary>
    [Parameter] public EventCallback OnResponseStart { get; set; }

    /// <summary><c>chatkit.response.end</c>: a streamed response ended.</summary>
    [Parameter] public EventCallback OnResponseEnd { get; set; }

    /// <summary><c>chatkit.thread.change</c>: another thread is shown (or a new one was created).</summary>
    [Parameter] public EventCallback<ChatKitThreadEventArgs> OnThreadChange { get; set; }

    /// <summary><c>chatkit.thread.load.start</c>.</summary>
    [Parameter] public EventCallback<ChatKitThreadEventArgs> OnThreadLoadStart { get; set; }

    /// <summary><c>chatkit.thread.load.end</c>.</summary>
    [Parameter] public EventCallback<ChatKitThreadEventArgs> OnThreadLoadEnd { get; set; }

    /// <summary><c>chatkit.tool.change</c>: the composer tool selection changed.</summary>
    [Parameter] public EventCallback<ChatKitToolChangeEventArgs> OnToolChange { get; set; }

    /// <summary><c>chatkit.effect</c>: the server streamed a client effect.</summary>
    [Parameter] public EventCallback<ChatKitEffectEventArgs> OnEffect { get; set; }

    /// <summary><c>chatkit.log</c>: diagnostics. Only forwarded when set, as the element logs a lot.</summary>
    [Parameter] public EventCallback<ChatKitLogEventArgs> OnLog { get; set; }

    /// <summary><c>chatkit.deeplink</c>: a deeplink in a message was clicked.</summary>
    [Parameter] public EventCallback<ChatKitDeeplinkEventArgs> OnDeeplink { get; set; }

    /// <summary><c>chatkit.history.open</c>.</summary>
    [Parameter] public EventCallback OnHistoryOpen { get; set; }

    /// <summary><c>chatkit.history.close</c>.</summary>
    [Parameter] public EventCallback OnHistoryClose { get; set; }

    /// <summary>
    /// Runs client tools: gets the call, returns the JSON result sent back to the server. An exception is reported
    /// through <see cref="OnError"/> and sent to the server as <c>{"error": message}</c>.
    /// </summary>
    [Parameter] public Func<ClientToolCall, CancellationToken, Task<JsonNode?>>? OnClientTool { get; set; }

    /// <summary>Handles widget actions declared with <c>handler: "client"</c>; nothing is sent to the server.</summary>
    [Parameter] public EventCallback<WidgetActionEventArgs> OnWidgetAction { get; set; }

    /// <summary>Searches entities for an @-mention; gets the text typed after <c>@</c>.</summary>
    [Parameter] public Func<string, CancellationToken, Task<IReadOnlyList<ChatKitEntity>>>? OnEntitySearch { get; set; }

    /// <summary>An interactive entity tag was clicked.</summary>
    [Parameter] public EventCallback<ChatKitEntity> OnEntityClick { get; set; }

    /// <summary>Builds the preview popover of an interactive entity tag.</summary>
    [Parameter] public Func<ChatKitEntity, CancellationToken, Task<EntityPreview>>? OnEntityPreview { get; set; }

    /// <summary>Searches <c>/</c> commands (needs <see cref="ChatKitOptions.Commands"/> enabled); gets the text typed after <c>/</c>.</summary>
    [Parameter] public Func<string, CancellationToken, Task<IReadOnlyList<ChatKitCommand>>>? OnCommandSearch { get; set; }

    /// <summary>Runs a chosen <c>/</c> command; <see langword="null"/> just closes the menu.</summary>
    [Parameter] public Func<ChatKitCommand, CancellationToken, Task<CommandResult?>>? OnCommandSelect { get; set; }

    /// <summary>The header's left button (<see cref="HeaderOptions.LeftAction"/>) was clicked.</summary>
    [Parameter] public EventCallback OnHeaderLeftAction { get; set; }

    /// <summary>The header's right button (<see cref="HeaderOptions.RightAction"/>) was clicked.</summary>
    [Parameter] public EventCallback OnHeaderRightAction { get; set; }

    /// <summary>Moves the focus to the composer.</summary>
    public Task FocusComposerAsync(CancellationToken cancellationToken = default) => InvokeElementAsync("focusComposer", "[]", cancellationToken);

    /// <summary>Opens a thread, or a new empty one for <see langword="null"/>.</summary>
    public Task SetThreadIdAsync(string? threadId, CancellationToken cancellationToken = default) =>
        InvokeElementAsync("setThreadId", threadId is null ? "[null]" : $"[{JsonSerializer.Serialize(threadId, ChatKitJsonContext.Default.String)}]", cancellationToken);

    /// <summary>Sends a user message, as if typed in the composer.</summary>
    public Task SendUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return InvokeElementAsync("sendUserMessage", Arguments(message, ChatKitJsonContext.Default.UserMessage), cancellationToken);
    }

    /// <summary>Fills the composer without sending.</summary>
    public Task SetComposerValueAsync(ComposerValue value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return InvokeElementAsync("setComposerValue", Arguments(value, ChatKitJsonContext.Default.ComposerValue), cancellationToken);
    }

    /// <summary>Reloads the current thread from the server.</summary>
    public Task FetchUpdatesAsync(CancellationToken cancellationToken = default) => InvokeElementAsync("fetchUpdates", "[]", cancellationToken);

    /// <summary>Sends a custom action to the server on the current thread (needs one), optionally from an item.</summary>
    public Task SendCustomActionAsync(ChatKitAction action, string? itemId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var actionJson = JsonSerializer.Serialize(action, ChatKitJsonContext.Default.ChatKitAction);
        var item = itemId is null ? "null" : JsonSerializer.Serialize(itemId, ChatKitJsonContext.Default.String);
        return InvokeElementAsync("sendCustomAction", $"[{actionJson},{item}]", cancellationToken);
    }

    /// <summary>Opens the history panel.</summary>
    public Task ShowHistoryAsync(CancellationToken cancellationToken = default) => InvokeElementAsync("showHistory", "[]", cancellationToken);

    /// <summary>Closes the history panel.</summary>
    public Task HideHistoryAsync(CancellationToken cancellationToken = default) => InvokeElementAsync("hideHistory", "[]", cancellationToken);

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (Options is null)
        {
            throw new InvalidOperationException($"{nameof(ChatKit)} needs the {nameof(Options)} parameter (at least Api.Url).");
        }

        // Fails here, with a clear message, rather than in the browser.
        _ = ChatKitJson.Serialize(Options);
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (binding is not null)
        {
            await ApplyOptionsAsync();
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive || disposed)
        {
            return;
        }

        try
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", disposal.Token, ModulePath);
            self = DotNetObjectReference.Create(this);
            var configuration = Configuration();
            binding = await module.InvokeAsync<IJSObjectReference>(
                "create", disposal.Token, element, self, ResolvedScriptUrl(), configuration.Options, configuration.Handlers, configuration.Events);
            appliedConfiguration = configuration.Key;
            if (disposed)
            {
                // Disposed while the element started: DisposeAsync did not see this binding.
                await binding.InvokeVoidAsync("dispose");
                await binding.DisposeAsync();
                return;
            }

            // Parameters may have changed while the element script loaded.
            await ApplyOptionsAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException || (e is OperationCanceledException && disposed))
        {
            // The circuit went away or the component was disposed while starting: nothing left to drive.
        }
    }

    private async Task ApplyOptionsAsync()
    {
        var configuration = Configuration();
        if (binding is null || configuration.Key == appliedConfiguration)
        {
            return;
        }

        appliedConfiguration = configuration.Key;
        await binding.InvokeVoidAsync("setOptions", disposal.Token, configuration.Options, configuration.Handlers, configuration.Events);
    }

    private string ResolvedScriptUrl() => ScriptUrl ?? Options.Api.Url.TrimEnd('/') + "/chatkit.js";

    private ElementConfiguration Configuration() =>
        new(ChatKitJson.Serialize(Options), [.. ElementHandlers.Active(this)], [.. ElementEvents.Subscribed(this)]);

    private async Task InvokeElementAsync(string method, string argumentsJson, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (binding is null)
        {
            throw new InvalidOperationException($"The ChatKit element is not ready yet: call {method} after OnReady (it needs interactive rendering).");
        }

        await binding.InvokeVoidAsync("invoke", cancellationToken, method, argumentsJson);
    }

    private static string Arguments<T>(T value, JsonTypeInfo<T> typeInfo) => $"[{JsonSerializer.Serialize(value, typeInfo)}]";

    /// <summary>Called by the script for each subscribed <c>chatkit.*</c> event, in order.</summary>
    [JSInvokable]
    public Task OnElementEvent(string name, string? detailJson) => ElementEvents.DispatchAsync(this, name, detailJson);

    /// <summary>Called by the script to run a C# handler; returns a JSON <see cref="HandlerResult"/>.</summary>
    [JSInvokable]
    public Task<string> InvokeHandler(string handler, string argumentJson) => ElementHandlers.InvokeAsync(this, handler, argumentJson, disposal.Token);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await disposal.CancelAsync();
        try
        {
            if (binding is not null)
            {
                await binding.InvokeVoidAsync("dispose");
                await binding.DisposeAsync();
            }

            if (module is not null)
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone, and the JS objects with it.
        }
        finally
        {
            // The token source is cancelled but not disposed: handlers still running may read its token.
            self?.Dispose();
        }
    }

    private sealed record ElementConfiguration(string Options, string[] Handlers, string[] Events)
    {
        public string Key { get; } = Options + "|" + string.Join(',', Handlers) + "|" + string.Join(',', Events);
    }
}
