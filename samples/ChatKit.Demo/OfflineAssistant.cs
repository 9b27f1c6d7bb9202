using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatKit.AI;
using ChatKit.AspNetCore;
using ChatKit.Server;
using ChatKit.Stores;
using Microsoft.Extensions.Options;

namespace ChatKit.Demo;

/// <summary>
/// The demo's built-in assistant when no model is configured. It says so, and shows the protocol off: a workflow,
/// streamed Markdown with a citation, a client effect, widgets with actions, client tools, errors.
/// </summary>
public sealed class OfflineAssistant(ChatKitServerDependencies<ChatKitRequestContext> dependencies)
    : ChatKitServer<ChatKitRequestContext>(dependencies)
{
    // "delete file" goes through the real ChatClientResponder with a scripted model and a tool that needs approval.
    private readonly ChatClientResponder _approvals = new(new DemoApprovalChatClient(), new ChatClientResponderOptions { Tools = [DemoApprovals.DeleteFileTool] });

    /// <summary>Delay between streamed chunks of a normal reply.</summary>
    public TimeSpan ChunkDelay { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ThreadStreamEvent> RespondAsync(
        ThreadMetadata thread, UserMessageItem? input, ChatKitRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (input is null)
        {
            // Resumed after a client tool call: quote what the browser returned.
            var items = await Store.LoadThreadItemsAsync(thread.Id, null, 1, SortOrder.Desc, context, cancellationToken);
            var output = items.Data is [ClientToolCallItem call] ? call.Output?.ToJsonString() ?? "null" : "(nothing)";
            await foreach (var e in StreamTextAsync(thread, context, $"Your browser answered the `get_browser_info` tool with:\n\n```json\n{output}\n```", null, ChunkDelay, cancellationToken))
            {
                yield return e;
            }

            yield break;
        }

        var text = input.Text;
        thread.Title ??= Title(text);
        var lower = text.ToLowerInvariant();

        if (lower.Contains("error", StringComparison.Ordinal))
        {
            yield return new ErrorEvent { Code = ErrorEvent.CustomCode, Message = "The offline assistant was asked to fail. Press retry to try again.", AllowRetry = true };
            yield break;
        }

        if (lower.Contains("client tool", StringComparison.Ordinal))
        {
            yield return new ProgressUpdateEvent { Icon = IconName.Desktop, Text = "Asking your browser…" };
            yield return new ThreadItemDoneEvent
            {
                Item = new ClientToolCallItem
                {
                    Id = CreateItemId(StoreItemKind.ToolCall, thread, context),
                    ThreadId = thread.Id,
                    CreatedAt = Now,
                    CallId = "call_" + Guid.NewGuid().ToString("N")[..12],
                    Name = "get_browser_info",
                    Arguments = new JsonObject { ["fields"] = new JsonArray("userAgent", "language") },
                },
            };
            yield break;
        }

        if (lower.Contains(DemoApprovals.Keyword, StringComparison.Ordinal))
        {
            await foreach (var e in _approvals.RespondAsync(this, thread, input, context, cancellationToken))
            {
                yield return e;
            }

            yield break;
        }

        // Before "widget": "show the widget controls" asks for the controls card, not the counter.
        if (lower.Contains("controls", StringComparison.Ordinal))
        {
            yield return new ThreadItemDoneEvent { Item = DemoControls.Item(CreateItemId(StoreItemKind.Message, thread, context), thread.Id, Now) };
            yield break;
        }

        if (lower.Contains("widget", StringComparison.Ordinal))
        {
            yield return new ThreadItemDoneEvent { Item = DemoWidgets.CounterItem(CreateItemId(StoreItemKind.Message, thread, context), thread.Id, Now, 0, null) };
            yield break;
        }

        await foreach (var e in StreamWorkflowAsync(thread, context, lower, cancellationToken))
        {
            yield return e;
        }

        var reply = lower.Contains("markdown attack", StringComparison.Ordinal) ? DemoReplies.MarkdownAttack : DemoReplies.Default(input);
        var delay = lower.Contains("slow", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(100) : ChunkDelay;
        var source = new UrlSource { Title = "ChatKit protocol", Url = "https://github.com/openai/chatkit-python", Description = "The reference server" };
        await foreach (var e in StreamTextAsync(thread, context, lower.Contains("slow", StringComparison.Ordinal) ? DemoReplies.Slow : reply, source, delay, cancellationToken))
        {
            yield return e;
        }

        yield return new ClientEffectEvent { Name = "demo.toast", Data = new JsonObject { ["message"] = "Reply finished", ["threadId"] = thread.Id } };
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ThreadStreamEvent> ActionAsync(
        ThreadMetadata thread, CustomAction action, WidgetItem? sender, ChatKitRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (ChatClientResponder.IsToolApprovalAction(action))
        {
            await foreach (var e in _approvals.RespondToToolApprovalAsync(this, thread, action, sender, context, cancellationToken))
            {
                yield return e;
            }

            yield break;
        }

        switch (action.Type)
        {
            case DemoWidgets.IncrementAction when sender is not null:
                var count = DemoWidgets.CountOf(sender) + 1;
                yield return new ThreadItemReplacedEvent { Item = DemoWidgets.CounterItem(sender.Id, thread.Id, sender.CreatedAt, count, DemoWidgets.NoteOf(sender)) };
                break;
            case DemoWidgets.NoteAction when sender is not null:
                var note = action.Payload?["note"]?.GetValue<string>() ?? string.Empty;
                yield return new ThreadItemReplacedEvent { Item = DemoWidgets.CounterItem(sender.Id, thread.Id, sender.CreatedAt, DemoWidgets.CountOf(sender), note) };
                break;
            case DemoControls.ChangedAction or DemoControls.SubmitAction when sender is not null:
                yield return new ThreadItemReplacedEvent { Item = DemoControls.Echo(sender, action.Type, action.Payload) };
                break;
            default:
                yield return new NoticeEvent { Level = NoticeLevel.Info, Message = $"The demo received the action `{action.Type}`." };
                break;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<WidgetItem?> SyncActionAsync(
        ThreadMetadata thread, CustomAction action, WidgetItem? sender, ChatKitRequestContext context, CancellationToken cancellationToken)
    {
        if (action.Type != DemoWidgets.ResetAction || sender is null)
        {
            throw new ChatKitBadRequestException($"The demo has no synchronous action '{action.Type}'.");
        }

        // Synchronous actions are not persisted by the server: save the re-rendered widget here.
        var reset = DemoWidgets.CounterItem(sender.Id, thread.Id, sender.CreatedAt, 0, null);
        await Store.SaveItemAsync(thread.Id, reset, context, cancellationToken);
        return reset;
    }

    /// <inheritdoc />
    protected override ValueTask<TranscriptionResult> TranscribeAsync(AudioInput audio, ChatKitRequestContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new TranscriptionResult { Text = $"(offline demo: received {audio.Data.Length} bytes of {audio.MediaType})" });

    private async IAsyncEnumerable<ThreadStreamEvent> StreamWorkflowAsync(
        ThreadMetadata thread, ChatKitRequestContext context, string lower, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new ProgressUpdateEvent { Icon = IconName.Search, Text = "Thinking offline…" };
        var started = Now;
        var workflow = new WorkflowItem
        {
            Id = CreateItemId(StoreItemKind.Workflow, thread, context),
            ThreadId = thread.Id,
            CreatedAt = Now,
            Workflow = new Workflow { Type = WorkflowType.Reasoning, Tasks = [], Expanded = false },
        };
        yield return new ThreadItemAddedEvent { Item = workflow };
        var thought = new ThoughtTask { Content = "No model is configured, so the offline demo assistant answers from a script.", StatusIndicator = TaskStatusIndicator.Loading };
        yield return new ThreadItemUpdatedEvent { ItemId = workflow.Id, Update = new WorkflowTaskAdded { TaskIndex = 0, Task = thought } };
        await Task.Delay(ChunkDelay, cancellationToken);
        var done = new ThoughtTask { Content = thought.Content, StatusIndicator = TaskStatusIndicator.Complete };
        yield return new ThreadItemUpdatedEvent { ItemId = workflow.Id, Update = new WorkflowTaskUpdated { TaskIndex = 0, Task = done } };
        workflow.Workflow.Tasks.Add(done);
        workflow.Workflow.Summary = new DurationSummary { Duration = Math.Max(1, (int)(Now - started).TotalSeconds) };
        yield return new ThreadItemDoneEvent { Item = workflow };
    }

    private async IAsyncEnumerable<ThreadStreamEvent> StreamTextAsync(
        ThreadMetadata thread, ChatKitRequestContext context, string text, UrlSource? source, TimeSpan delay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var message = new AssistantMessageItem { Id = CreateItemId(StoreItemKind.Message, thread, context), ThreadId = thread.Id, CreatedAt = Now };
        yield return new ThreadItemAddedEvent { Item = message };
        yield return new ThreadItemUpdatedEvent { ItemId = message.Id, Update = new AssistantMessageContentPartAdded { ContentIndex = 0, Content = new AssistantMessageContent() } };
        var part = new AssistantMessageContent();
        foreach (var chunk in DemoReplies.Chunks(text))
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }

            part.Text += chunk;
            yield return new ThreadItemUpdatedEvent { ItemId = message.Id, Update = new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = chunk } };
        }

        if (source is not null)
        {
            var annotation = new Annotation { Source = source, Index = part.Text.Length };
            part.Annotations.Add(annotation);
            yield return new ThreadItemUpdatedEvent { ItemId = message.Id, Update = new AssistantMessageContentPartAnnotationAdded { ContentIndex = 0, AnnotationIndex = 0, Annotation = annotation } };
        }

        yield return new ThreadItemUpdatedEvent { ItemId = message.Id, Update = new AssistantMessageContentPartDone { ContentIndex = 0, Content = part } };
        message.Content.Add(part);
        yield return new ThreadItemDoneEvent { Item = message };
    }

    private static string Title(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? "New chat" : trimmed.Length <= 40 ? trimmed : trimmed[..40].TrimEnd() + "…";
    }
}
