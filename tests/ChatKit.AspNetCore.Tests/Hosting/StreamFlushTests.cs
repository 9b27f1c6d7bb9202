using ChatKit.Stores;
using ChatKit.Testing.Hosting;
using ChatKit.Testing.Servers;
using ChatKit.Testing.StoreConformance;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.AspNetCore.Tests.Hosting;

/// <summary>
/// The endpoint batches the frames that are ready together into one flush; that must never hold a frame back while
/// the model is still thinking about the next one.
/// </summary>
public sealed class StreamFlushTests
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_client_sees_an_event_before_a_waiting_producer_makes_the_next_one()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new AnsweringServer(new InMemoryStore<StoreTestContext>()) { Hold = release.Task };
        await using var host = await ChatKitTestHost.StartAsync(server);
        using var client = host.CreateClient();
        using var timeout = new CancellationTokenSource(SafetyNet);

        var seen = new List<string>();
        await foreach (var e in client.StreamEventsAsync(CreateThread("hello"), timeout.Token))
        {
            var type = (string)e["type"]!;
            seen.Add(type);
            if (type == "thread.item.added")
            {
                // The answer was announced and the producer is now waiting: nothing after it exists yet, so the
                // event can only have arrived because its batch was flushed when the producer stopped.
                Assert.False(release.Task.IsCompleted);
                release.SetResult();
            }
        }

        Assert.Equal(["thread.created", "thread.item.done", "stream_options", "thread.item.added", "thread.item.done"], seen);
    }
}
