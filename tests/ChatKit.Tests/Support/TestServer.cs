using System.Runtime.CompilerServices;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Widgets;
using Microsoft.Extensions.Logging;

namespace ChatKit.Tests.Support;

public delegate IAsyncEnumerable<ThreadStreamEvent> RespondHandler(TestServer server, ThreadMetadata thread, UserMessageItem? input, TestContext context, CancellationToken ct);

public delegate IAsyncEnumerable<ThreadStreamEvent> ActionHandler(TestServer server, ThreadMetadata thread, CustomAction action, WidgetItem? sender, TestContext context, CancellationToken ct);

public delegate ValueTask<WidgetItem?> SyncActionHandler(TestServer server, ThreadMetadata thread, CustomAction action, WidgetItem? sender, TestContext context);

/// <summary>A server whose hooks are delegates, so each test scripts exactly what respond()/action() do.</summary>
public sealed class TestServer(
    IStore<TestContext> store,
    IAttachmentStore<TestContext>? attachmentStore = null,
    ChatKitServerOptions? options = null,
    ILogger? logger = null,
    TimeProvider? timeProvider = null,
    ChatKitMetrics? metrics = null)
    : ChatKitServer<TestContext>(store, attachmentStore, options, logger, timeProvider, metrics)
{
    public RespondHandler Respond { get; set; } = static (s, t, _, c, _) => s.Hello(t, c);

    public ActionHandler? Action { get; set; }

    public SyncActionHandler? SyncAction { get; set; }

    public Func<AudioInput, TranscriptionResult>? Transcribe { get; set; }

    public List<(string ThreadId, IReadOnlyList<string> ItemIds, FeedbackKind Kind)> Feedback { get; } = [];

    public List<UserMessageItem?> RespondInputs { get; } = [];

    public List<(string Type, string? SenderId)> Actions { get; } = [];

    public DateTimeOffset Time => Now;

    public string NewId(StoreItemKind kind, ThreadMetadata thread, TestContext context) => CreateItemId(kind, thread, context);

    /// <summary>A finished assistant message.</summary>
    public AssistantMessageItem Message(ThreadMetadata thread, TestContext context, string text) => new()
    {
        Id = NewId(StoreItemKind.Message, thread, context),
        ThreadId = thread.Id,
        CreatedAt = Now,
        Content = [new AssistantMessageContent { Text = text }],
    };

    /// <summary>The default respond(): one finished "Hello, world!".</summary>
    public async IAsyncEnumerable<ThreadStreamEvent> Hello(ThreadMetadata thread, TestContext context)
    {
        await Task.Yield();
        yield return new ThreadItemDoneEvent { Item = Message(thread, context, "Hello, world!") };
    }

    protected override IAsyncEnumerable<ThreadStreamEvent> RespondAsync(ThreadMetadata thread, UserMessageItem? input, TestContext context, CancellationToken cancellationToken)
    {
        RespondInputs.Add(input);
        return Respond(this, thread, input, context, cancellationToken);
    }

    protected override IAsyncEnumerable<ThreadStreamEvent> ActionAsync(ThreadMetadata thread, CustomAction action, WidgetItem? sender, TestContext context, CancellationToken cancellationToken)
    {
        Actions.Add((action.Type, sender?.Id));
        return Action is null
            ? base.ActionAsync(thread, action, sender, context, cancellationToken)
            : Action(this, thread, action, sender, context, cancellationToken);
    }

    protected override ValueTask<WidgetItem?> SyncActionAsync(ThreadMetadata thread, CustomAction action, WidgetItem? sender, TestContext context, CancellationToken cancellationToken)
    {
        Actions.Add((action.Type, sender?.Id));
        return SyncAction is null
            ? base.SyncActionAsync(thread, action, sender, context, cancellationToken)
            : SyncAction(this, thread, action, sender, context);
    }

    protected override ValueTask AddFeedbackAsync(string threadId, IReadOnlyList<string> itemIds, FeedbackKind kind, TestContext context, CancellationToken cancellationToken)
    {
        Feedback.Add((threadId, itemIds, kind));
        return ValueTask.CompletedTask;
    }

    protected override ValueTask<TranscriptionResult> TranscribeAsync(AudioInput audio, TestContext context, CancellationToken cancellationToken) =>
        Transcribe is null ? base.TranscribeAsync(audio, context, cancellationToken) : ValueTask.FromResult(Transcribe(audio));
}

public static class Scripts
{
    /// <summary>Yields the given events (built lazily, in order) then optionally throws.</summary>
    public static async IAsyncEnumerable<ThreadStreamEvent> Of(IEnumerable<Func<ThreadStreamEvent>> events, Exception? thenThrow = null)
    {
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e();
        }

        if (thenThrow is not null)
        {
            throw thenThrow;
        }
    }

    /// <summary>Yields the events, then waits until cancelled.</summary>
    public static async IAsyncEnumerable<ThreadStreamEvent> ThenHang(IEnumerable<Func<ThreadStreamEvent>> events, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e();
        }

        await Task.Delay(Timeout.Infinite, ct);
    }
}
