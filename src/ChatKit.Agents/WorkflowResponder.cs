using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using AgentWorkflow = Microsoft.Agents.AI.Workflows.Workflow;

namespace ChatKit.Agents;

/// <summary>
/// Answers ChatKit turns with an Agent Framework <see cref="AgentWorkflow"/> whose start executor takes the conversation
/// (<c>List&lt;ChatMessage&gt;</c>, as the workflows of <see cref="AgentWorkflowBuilder"/> do). The run shows as a
/// custom ChatKit workflow (one task per executor, started and completed, with what each agent said, and the
/// hand-offs between agents); the workflow's output is the assistant message.
/// </summary>
public class WorkflowResponder
{
    /// <summary>Creates a responder for <paramref name="workflow"/>.</summary>
    public WorkflowResponder(AgentWorkflow workflow, WorkflowResponderOptions? options = null)
    {
        Workflow = workflow ?? throw new ArgumentNullException(nameof(workflow));
        Options = options ?? new WorkflowResponderOptions();
    }

    /// <summary>The workflow.</summary>
    public AgentWorkflow Workflow { get; }

    /// <summary>The settings.</summary>
    public WorkflowResponderOptions Options { get; }

    /// <summary>Streams the workflow's run for the thread; a failing executor or workflow becomes the stream's error.</summary>
    public IAsyncEnumerable<ThreadStreamEvent> RespondAsync<TContext>(
        ChatKitServer<TContext> server, ThreadMetadata thread, UserMessageItem? input, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(thread);
        return RunAsync(server, thread, input, context, cancellationToken);
    }

    /// <summary>
    /// The text of the assistant message for the workflow's output: a string as is, chat messages or an agent response
    /// by the text of their last assistant message, anything else as JSON. Null: no message.
    /// </summary>
    protected virtual string? OutputText(object? output) => output switch
    {
        null => null,
        string text => text,
        AgentResponse response => response.Text,
        ChatMessage message => message.Text,
        IEnumerable<ChatMessage> messages => messages.LastOrDefault(m => m.Role == ChatRole.Assistant && !string.IsNullOrEmpty(m.Text))?.Text,
        JsonElement json => json.ValueKind == JsonValueKind.String ? json.GetString() : json.GetRawText(),
        _ => output.ToString(),
    };

    private async IAsyncEnumerable<ThreadStreamEvent> RunAsync<TContext>(
        ChatKitServer<TContext> server, ThreadMetadata thread, UserMessageItem? input, TContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var page = await server.Store.LoadThreadItemsAsync(thread.Id, null, Math.Max(1, Options.MaxHistoryItems), SortOrder.Desc, context, ct)
            .ConfigureAwait(false);
        var history = page.Data.Reverse().ToList();
        if (input is not null && !history.Exists(i => i.Id == input.Id))
        {
            history.Add(input);
        }

        var messages = await Options.Converter.ToChatMessagesAsync(history, ct).ConfigureAwait(false);
        var progress = new WorkflowProgress(Options, thread.Id, () => server.CreateItemId(StoreItemKind.Workflow, thread, context));
        object? output = null;
        await using (var run = await InProcessExecution.RunStreamingAsync(Workflow, messages, cancellationToken: ct).ConfigureAwait(false))
        {
            // Agent executors collect messages until they get a turn token; other start executors ignore it.
            await run.TrySendMessageAsync(new TurnToken(emitEvents: true)).ConfigureAwait(false);
            await foreach (var evt in run.WatchStreamAsync(ct).ConfigureAwait(false))
            {
                var events = evt switch
                {
                    ExecutorInvokedEvent invoked => progress.ExecutorStarted(invoked.ExecutorId),
                    ExecutorCompletedEvent completed => progress.ExecutorFinished(completed.ExecutorId),
                    AgentResponseUpdateEvent update => progress.AgentUpdate(update.ExecutorId, update.Update),
                    ExecutorFailedEvent failed => throw new WorkflowRunException($"The workflow step '{failed.ExecutorId}' failed.", failed.Data as Exception),
                    WorkflowErrorEvent error => throw new WorkflowRunException("The workflow failed.", error.Exception),
                    _ => [],
                };
                if (evt is WorkflowOutputEvent outputEvent && !outputEvent.IsIntermediate())
                {
                    output = outputEvent.Data;
                }

                foreach (var e in events)
                {
                    yield return e;
                }
            }
        }

        foreach (var e in progress.Close())
        {
            yield return e;
        }

        var text = OutputText(output);
        if (string.IsNullOrEmpty(text))
        {
            throw new CustomStreamErrorException(Options.EmptyOutputMessage, allowRetry: true);
        }

        yield return new ThreadItemDoneEvent
        {
            Item = new AssistantMessageItem
            {
                Id = server.CreateItemId(StoreItemKind.Message, thread, context),
                ThreadId = thread.Id,
                CreatedAt = Options.TimeProvider.GetUtcNow(),
                Content = [new AssistantMessageContent { Text = text }],
            },
        };
    }
}
