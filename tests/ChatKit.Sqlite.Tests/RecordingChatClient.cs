using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatKit.Sqlite.Tests;

/// <summary>
/// A model stand-in: records the messages of every call and streams scripted text; a script may end by hanging until
/// the call is cancelled, as a model that is still answering when the client goes away.
/// </summary>
public sealed class RecordingChatClient : IChatClient
{
    private readonly Queue<(string[] Chunks, bool Hang)> _scripts = new();
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<ChatMessage>> _calls = [];

    /// <summary>The messages of each call, as sent.</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Completed when a hanging script has streamed its chunks and starts to hang.</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when a hanging script saw its call cancelled.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Queues a reply streamed as <paramref name="chunks"/>.</summary>
    public RecordingChatClient ThenReply(params string[] chunks) => Enqueue(chunks, hang: false);

    /// <summary>Queues a reply that streams <paramref name="chunks"/> and then never finishes.</summary>
    public RecordingChatClient ThenHang(params string[] chunks) => Enqueue(chunks, hang: true);

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
        (string[] Chunks, bool Hang) script;
        lock (_gate)
        {
            _calls.Add([.. messages.Select(m => m.Clone())]);
            script = _scripts.Count > 0 ? _scripts.Dequeue() : throw new InvalidOperationException("No reply is scripted for this call.");
        }

        return StreamAsync(script.Chunks, script.Hang, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private RecordingChatClient Enqueue(string[] chunks, bool hang)
    {
        lock (_gate)
        {
            _scripts.Enqueue((chunks, hang));
        }

        return this;
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(string[] chunks, bool hang, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }

        if (hang)
        {
            Hanging.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }
    }
}
