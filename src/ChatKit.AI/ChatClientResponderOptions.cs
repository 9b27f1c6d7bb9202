using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatKit.AI;

/// <summary>How tool calls are shown to the user while the tools run.</summary>
public enum ToolCallDisplay
{
    /// <summary>Nothing is shown (tools can still stream their own progress through <see cref="ChatKitToolContext"/>).</summary>
    None,

    /// <summary>An ephemeral <c>progress_update</c> per call (the default).</summary>
    ProgressUpdate,

    /// <summary>A custom workflow with one task per call (loading, then complete), kept in the thread.</summary>
    Workflow,
}

/// <summary>Settings of a <see cref="ChatClientResponder"/>.</summary>
public sealed class ChatClientResponderOptions
{
    /// <summary>The system prompt, sent as the first (system) message of every model call.</summary>
    public string? Instructions { get; set; }

    /// <summary>
    /// The tools offered to the model. <see cref="AIFunction"/>s run on the server; a declaration that cannot be invoked
    /// (<see cref="AIFunctionDeclaration"/>, e.g. from <see cref="AIFunctionFactory.CreateDeclaration"/> or
    /// <see cref="AIFunction.AsDeclarationOnly"/>) is a <b>client tool</b>: a call of it ends the turn with a pending
    /// <c>client_tool_call</c> item for ChatKit.js <c>onClientTool</c>. Other tools (hosted tools) are passed through.
    /// </summary>
    public IList<AITool> Tools { get; set; } = [];

    /// <summary>Options copied into every model call (model id, temperature, …); tools and instructions come from here too if set.</summary>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>Turns thread items into model messages.</summary>
    public ThreadItemConverter Converter { get; set; } = new();

    /// <summary>How many of the newest thread items are sent to the model (default 50).</summary>
    public int MaxHistoryItems { get; set; } = 50;

    /// <summary>
    /// How many times one turn may go back to the model with tool results (default 10), as
    /// <see cref="FunctionInvokingChatClient.MaximumIterationsPerRequest"/>. Past it, the model is asked once more
    /// without tools; if it still calls one, the turn ends with <see cref="MaximumIterationsExceededMessage"/>.
    /// Applies to the function-invoking client the responder adds (see <see cref="ChatClientInvokesFunctions"/>).
    /// </summary>
    public int MaximumIterationsPerRequest { get; set; } = 10;

    /// <summary>
    /// How many tool rounds in a row may fail before the turn fails (default 3), as
    /// <see cref="FunctionInvokingChatClient.MaximumConsecutiveErrorsPerRequest"/>.
    /// </summary>
    public int MaximumConsecutiveErrorsPerRequest { get; set; } = 3;

    /// <summary>
    /// Whether the calls the model makes at once run concurrently (default false: one after the other, in order), as
    /// <see cref="FunctionInvokingChatClient.AllowConcurrentInvocation"/>.
    /// </summary>
    public bool AllowConcurrentInvocation { get; set; }

    /// <summary>
    /// Whether a failing tool's exception message is shown to the model (default false: a generic message), as
    /// <see cref="FunctionInvokingChatClient.IncludeDetailedErrors"/>.
    /// </summary>
    public bool IncludeDetailedErrors { get; set; }

    /// <summary>
    /// Whether the chat client runs the tools itself (an agent, or a pipeline with its own function-invoking client).
    /// When false (the default) the responder wraps the client in a <see cref="FunctionInvokingChatClient"/> configured
    /// from these options, unless <c>GetService&lt;FunctionInvokingChatClient&gt;()</c> finds one in the pipeline. Either way
    /// the turn only observes the calls, results and approval requests in the stream; it never invokes a tool itself.
    /// </summary>
    public bool ChatClientInvokesFunctions { get; set; }

    /// <summary>How tool calls are shown while they run (default <see cref="AI.ToolCallDisplay.ProgressUpdate"/>).</summary>
    public ToolCallDisplay ToolCallDisplay { get; set; } = ToolCallDisplay.ProgressUpdate;

    /// <summary>The text shown for a running call; defaults to "Calling {tool name}…".</summary>
    public Func<FunctionCallContent, string>? ToolCallText { get; set; }

    /// <summary>
    /// Models the user may pick in the composer (<c>inference_options.model</c> becomes <see cref="ChatOptions.ModelId"/>
    /// only when listed). Empty (the default): the user's choice is ignored.
    /// </summary>
    public ISet<string> AllowedModels { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether an assistant message that was streaming when the model failed is kept (default true: the user saw it,
    /// so it is completed with the text so far before the error event). The reference drops it.
    /// </summary>
    public bool KeepPartialMessageOnError { get; set; } = true;

    /// <summary>
    /// Whether each server tool call and its result are stored as a hidden note (<c>sdk_hidden_context</c>), so the model
    /// still knows what its tools returned in later turns (default false: as the reference, only the answers stay in the
    /// history). Long results are cut at <see cref="MaxRememberedToolResultLength"/>.
    /// </summary>
    public bool RememberToolResults { get; set; }

    /// <summary>The longest tool result text kept by <see cref="RememberToolResults"/> (default 4,000 characters).</summary>
    public int MaxRememberedToolResultLength { get; set; } = 4000;

    /// <summary>Whether an <c>end_of_turn</c> item closes each finished turn (default false, as the reference).</summary>
    public bool EmitEndOfTurn { get; set; }

    /// <summary>
    /// Services handed to tools through <see cref="AIFunctionArguments.Services"/> (the function-invoking client's
    /// <see cref="FunctionInvokingChatClient.FunctionInvocationServices"/>). The ChatKit context of a call is
    /// <see cref="ChatKitToolContext.Current"/>.
    /// </summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>
    /// When set, an untitled thread gets a title after a turn that answered a user message (the server then saves the
    /// thread and sends <c>thread.updated</c>). A failing title request is logged and ignored.
    /// </summary>
    public ThreadTitleGenerator? TitleGenerator { get; set; }

    /// <summary>Where failing tools and title requests are logged (none by default).</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The clock for item timestamps and reasoning durations.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A warning shown when the model stopped at its output length limit (null: none).</summary>
    public string? TruncatedNotice { get; set; } = "The answer was cut off because it reached the maximum length.";

    /// <summary>A warning shown when the provider's content filter stopped the answer (null: none).</summary>
    public string? ContentFilteredNotice { get; set; } = "The answer was stopped by the content filter.";

    /// <summary>The error shown when the model ends its turn without any output.</summary>
    public string EmptyResponseMessage { get; set; } = "The assistant did not reply. Please try again.";

    /// <summary>The error shown when the model keeps calling tools past <see cref="MaximumIterationsPerRequest"/>.</summary>
    public string MaximumIterationsExceededMessage { get; set; } = "The assistant stopped because it used too many tool calls without finishing its answer. Please try again or rephrase your request.";
}
