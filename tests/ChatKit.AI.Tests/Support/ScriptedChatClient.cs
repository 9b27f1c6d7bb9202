using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatKit.AI.Tests.Support;

/// <summary>An <see cref="IChatClient"/> that replays scripted streams and records every call it receives.</summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>> _scripts = new();
    private readonly Lock _gate = new();

    /// <summary>The messages of each call, copied when the call was made.</summary>
    public List<List<ChatMessage>> Calls { get; } = [];

    /// <summary>The options of each call, copied when the call was made.</summary>
    public List<ChatOptions?> Options { get; } = [];

    /// <summary>Set when a scripted stream observed its cancellation token firing.</summary>
    public bool ObservedCancellation { get; set; }

    /// <summary>Queues a stream of updates.</summary>
    public ScriptedChatClient Then(params ChatResponseUpdate[] updates) => Then(_ => Replay(updates));

    /// <summary>Queues a custom stream.</summary>
    public ScriptedChatClient Then(Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> script)
    {
        lock (_gate)
        {
            _scripts.Enqueue(script);
        }

        return this;
    }

    /// <summary>Queues a stream that yields <paramref name="before"/> and then throws.</summary>
    public ScriptedChatClient ThenFail(Exception exception, params ChatResponseUpdate[] before) => Then(_ => Fail(exception, before));

    /// <summary>Queues a stream that yields <paramref name="before"/> and then waits until cancelled.</summary>
    public ScriptedChatClient ThenHang(TaskCompletionSource reachedHang, params ChatResponseUpdate[] before) => Then(ct => Hang(reachedHang, before, ct));

    public int RemainingScripts
    {
        get
        {
            lock (_gate)
            {
                return _scripts.Count;
            }
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> script;
        lock (_gate)
        {
            Calls.Add(messages.Select(m => m.Clone()).ToList());
            Options.Add(options?.Clone());
            script = _scripts.Count > 0
                ? _scripts.Dequeue()
                : throw new InvalidOperationException("The scripted chat client has no response left.");
        }

        return script(cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Replay(ChatResponseUpdate[] updates)
    {
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Fail(Exception exception, ChatResponseUpdate[] before)
    {
        foreach (var update in before)
        {
            await Task.Yield();
            yield return update;
        }

        throw exception;
    }

    private async IAsyncEnumerable<ChatResponseUpdate> Hang(TaskCompletionSource reachedHang, ChatResponseUpdate[] before, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var update in before)
        {
            await Task.Yield();
            yield return update;
        }

        reachedHang.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            ObservedCancellation = true;
            throw;
        }

        yield break;
    }
}

/// <summary>Builders for model updates.</summary>
public static class Updates
{
    public static ChatResponseUpdate Text(string text) => new(ChatRole.Assistant, text);

    public static ChatResponseUpdate Reasoning(string text) => new(ChatRole.Assistant, [new TextReasoningContent(text)]);

    public static ChatResponseUpdate Call(string callId, string name, string argumentsJson = "{}")
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(argumentsJson, AIJsonUtilities.DefaultOptions);
        return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)]);
    }

    public static ChatResponseUpdate Calls(params FunctionCallContent[] calls) => new(ChatRole.Assistant, [.. calls]);

    public static ChatResponseUpdate With(this ChatResponseUpdate update, params AIContent[] contents)
    {
        foreach (var content in contents)
        {
            update.Contents.Add(content);
        }

        return update;
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
