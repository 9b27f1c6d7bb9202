using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChatKit.Postgres.Tests;
using ChatKit.Testing.Http;
using Xunit.Abstractions;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Replicas.Tests;

/// <summary>
/// Two demo hosts, each its own OS process, on one PostgreSQL database and one shared data directory (so they share
/// the Data Protection keys of the anonymous-user cookie). Requests alternate between the hosts as a load balancer
/// without sticky sessions would send them.
/// </summary>
public sealed class ReplicaTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("chatkit-replicas-").FullName;
    private DemoProcess? _a;
    private DemoProcess? _b;

    private DemoProcess A => _a!;

    private DemoProcess B => _b!;

    public async Task InitializeAsync()
    {
        var connectionString = postgres.DatabaseFor(Guid.NewGuid().ToString());
        _a = await DemoProcess.StartAsync("A", connectionString, _dataDirectory);

        // A creates the Data Protection key in the shared directory at startup; B, started after, finds it. (Two hosts
        // starting at once on an empty key directory each create a key; .NET 10 copes by reloading the key ring on
        // an unknown key id, but the test does not rely on that.)
        using (var warmUp = A.CreateClient(new CookieContainer()))
        {
            var (status, body) = await warmUp.PostJsonAsync(ListThreads());
            Assert.True(status == HttpStatusCode.OK, Dump(body));
        }

        _b = await DemoProcess.StartAsync("B", connectionString, _dataDirectory);
    }

    public Task DisposeAsync()
    {
        foreach (var host in new[] { _a, _b })
        {
            if (host is not null)
            {
                output.WriteLine($"--- host {host.Name} output ---\n{host.Output}");
                host.Dispose();
            }
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Fifty_conversations_alternating_between_hosts_stay_complete_ordered_and_unduplicated()
    {
        const int conversations = 50;
        const int users = 5;
        var jars = Enumerable.Range(0, users).Select(_ => new CookieContainer()).ToArray();
        foreach (var jar in jars)
        {
            // One identity per user before anything runs in parallel (parallel first requests would mint several).
            using var client = A.CreateClient(jar);
            var (status, _) = await client.PostJsonAsync(ListThreads());
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var stopwatch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(12);
        var results = await Task.WhenAll(Enumerable.Range(0, conversations).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await RunConversationAsync(i, jars[i % users]);
            }
            finally
            {
                gate.Release();
            }
        }));
        output.WriteLine($"{conversations} conversations in {stopwatch.Elapsed}; concurrent pairs: " +
                         $"{results.Count(r => r.ConcurrentCompleted.Count == 2)} both completed, {results.Count(r => r.Conflicts > 0)} with a 409.");

        foreach (var result in results)
        {
            await CheckThreadAsync(result, jars[result.Index % users]);
        }

        // Each user sees exactly their threads, through either host.
        for (var u = 0; u < users; u++)
        {
            var expected = results.Where(r => r.Index % users == u).Select(r => r.ThreadId).Order().ToList();
            foreach (var host in new[] { A, B })
            {
                using var client = host.CreateClient(jars[u]);
                var (status, list) = await client.PostJsonAsync(ListThreads(limit: 100));
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(expected, list!["data"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).Order().ToList());
            }
        }
    }

    [Fact]
    public async Task Killing_a_host_mid_stream_loses_no_acknowledged_item_and_the_other_host_carries_on()
    {
        var jar = new CookieContainer();
        using var onA = A.CreateClient(jar);
        using var onB = B.CreateClient(jar);
        var threadIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await onA.StreamAsync(CreateThread($"crash test {i}"));
            threadIds.Add(created[0]["thread"]!["id"]!.GetValue<string>());
        }

        // Three slow replies streaming from B; B is killed once each has streamed a few words.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var streaming = threadIds.Select(id => new SlowTurn(onB, id, timeout.Token)).ToList();
        var started = streaming.Select(s => s.Run()).ToList();
        await Task.WhenAll(streaming.Select(s => s.StreamingText.Task)).WaitAsync(TimeSpan.FromSeconds(20));
        B.Kill();
        var acknowledged = await Task.WhenAll(started);

        for (var t = 0; t < threadIds.Count; t++)
        {
            Assert.False(streaming[t].Completed, "the slow reply should still have been streaming when B was killed");
            Assert.Contains(acknowledged[t], i => i["type"]!.GetValue<string>() == "user_message");

            // Everything B acknowledged with thread.item.done is readable from A, unchanged.
            var stored = await ListAllItemsAsync(onA, threadIds[t]);
            foreach (var item in acknowledged[t])
            {
                var match = stored.SingleOrDefault(s => s!["id"]!.GetValue<string>() == item["id"]!.GetValue<string>());
                Assert.True(match is not null, $"acknowledged item lost:\n{Dump(item)}\nstored:\n{Dump(stored)}");
                Assert.True(JsonNode.DeepEquals(item, match), $"stored item differs:\n{Dump(item)}\n{Dump(match)}");
            }

            // The thread is still usable on A: B's turn lock died with B's database connection.
            var next = await onA.StreamAsync(AddUserMessage(threadIds[t], $"after the crash {t}"));
            Assert.Contains($"after the crash {t}", LastDone(next, "assistant_message")["content"]![0]!["text"]!.GetValue<string>());
            var after = await ListAllItemsAsync(onA, threadIds[t]);
            var ids = after.Select(i => i!["id"]!.GetValue<string>()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(["user_message", "workflow", "assistant_message"], after.TakeLast(3).Select(i => i!["type"]!.GetValue<string>()));
            Assert.Equal(stored.Count + 3, after.Count);
        }
    }

    [Fact]
    public async Task A_run_whose_host_is_killed_keeps_its_checkpointed_reply_and_the_next_turn_on_the_other_host_closes_it_with_a_notice()
    {
        var jar = new CookieContainer();
        using var onA = A.CreateClient(jar);
        using var onB = new ChatKitHttpClient(B.Endpoint, jar) { Resumable = true };
        var threadId = (await onA.StreamAsync(CreateThread("crash test")))[0]["thread"]!["id"]!.GetValue<string>();

        // A slow reply runs on B for a while (a checkpoint every 2 s at most), then B dies.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var words = 0;
        var streamed = new System.Text.StringBuilder();
        await foreach (var e in onB.StreamEventsAsync(AddUserMessage(threadId, "please be slow"), timeout.Token))
        {
            if (e["update"]?["type"]?.GetValue<string>() == "assistant_message.content_part.text_delta")
            {
                streamed.Append(e["update"]!["delta"]!.GetValue<string>());
                if (++words == 30)
                {
                    break;
                }
            }
        }

        B.Kill();
        var stored = await ListAllItemsAsync(onA, threadId);
        var partial = stored.Last(i => i!["type"]!.GetValue<string>() == "assistant_message")!["content"]![0]!["text"]!.GetValue<string>();
        Assert.True(partial.Length > 0 && streamed.ToString().StartsWith(partial, StringComparison.Ordinal) || partial.StartsWith(streamed.ToString(), StringComparison.Ordinal),
            $"the checkpointed reply is the reply as streamed up to a point: '{partial}' / '{streamed}'");
        Assert.True(partial.Split(' ').Length >= 10, $"a checkpoint was taken while it streamed: '{partial}'");

        // The next turn, on A, finds B's run abandoned: a visible notice, then the new turn.
        var next = await onA.StreamAsync(AddUserMessage(threadId, "after the crash"));
        Assert.Contains("after the crash", LastDone(next, "assistant_message")["content"]![0]!["text"]!.GetValue<string>());
        var after = await ListAllItemsAsync(onA, threadId);
        var types = after.Select(i => i!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["assistant_message", "task", "user_message", "workflow", "assistant_message"], types.TakeLast(5));
        Assert.Equal(partial, after[^5]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Contains("interrupted", after[^4]!["task"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resumable_turn_started_on_one_host_is_followed_live_over_http_from_the_other_to_its_end()
    {
        var jar = new CookieContainer();
        using var onA = new ChatKitHttpClient(A.Endpoint, jar) { Resumable = true };
        using var onB = new ChatKitHttpClient(B.Endpoint, jar) { Resumable = true };
        var threadId = (await onA.StreamAsync(CreateThread("hello")))[0]["thread"]!["id"]!.GetValue<string>();

        // A slow reply starts on A; its client goes away after a few words (a reload), the run does not.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var streamed = new System.Text.StringBuilder();
        var words = 0;
        await foreach (var e in onA.StreamEventsAsync(AddUserMessage(threadId, "please be slow"), timeout.Token))
        {
            if (e["update"]?["type"]?.GetValue<string>() == "assistant_message.content_part.text_delta")
            {
                streamed.Append(e["update"]!["delta"]!.GetValue<string>());
                if (++words == 5)
                {
                    break;
                }
            }
        }

        // The reload lands on B: the thread is loaded with the run, and B follows it live to its end.
        var (status, loaded) = await onB.PostJsonAsync(GetThread(threadId));
        Assert.Equal(HttpStatusCode.OK, status);
        var runId = loaded!["active_run"]?["id"]?.GetValue<string>();
        Assert.True(runId is not null, $"B did not report A's run:\n{Dump(loaded)}");
        var followed = new List<JsonObject>();
        await foreach (var e in onB.StreamEventsAsync(Request("threads.resume_run", new JsonObject { ["thread_id"] = threadId }), timeout.Token))
        {
            followed.Add(e);
        }

        var deltas = followed.Count(e => e["update"]?["type"]?.GetValue<string>() == "assistant_message.content_part.text_delta");
        Assert.True(deltas > 5, $"B followed the run's deltas live ({deltas})");
        var reply = LastDone(followed, "assistant_message")["content"]![0]!["text"]!.GetValue<string>();
        Assert.StartsWith(streamed.ToString(), reply, StringComparison.Ordinal);
        Assert.Contains("slowly", reply, StringComparison.Ordinal);

        // Over: no host reports it, and both show the whole reply.
        foreach (var client in new[] { onA, onB })
        {
            var (_, after) = await client.PostJsonAsync(GetThread(threadId));
            Assert.Null(after!["active_run"]);
            var items = after["items"]!["data"]!.AsArray();
            Assert.Equal(reply, items.Last(i => i!["type"]!.GetValue<string>() == "assistant_message")!["content"]![0]!["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_run_whose_host_is_killed_is_closed_with_a_notice_by_the_other_host_once_its_lease_lapses()
    {
        var jar = new CookieContainer();
        using var onA = new ChatKitHttpClient(A.Endpoint, jar) { Resumable = true };
        using var onB = new ChatKitHttpClient(B.Endpoint, jar) { Resumable = true };
        var threadId = (await onA.StreamAsync(CreateThread("crash test")))[0]["thread"]!["id"]!.GetValue<string>();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var words = 0;
        await foreach (var e in onB.StreamEventsAsync(AddUserMessage(threadId, "please be slow"), timeout.Token))
        {
            if (e["update"]?["type"]?.GetValue<string>() == "assistant_message.content_part.text_delta" && ++words == 30)
            {
                break;
            }
        }

        // A follows B's run; once it has received some of it, B dies mid-run.
        var receiving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var following = Task.Run(async () =>
        {
            var events = new List<JsonObject>();
            await foreach (var e in onA.StreamEventsAsync(Request("threads.resume_run", new JsonObject { ["thread_id"] = threadId }), timeout.Token))
            {
                events.Add(e);
                receiving.TrySetResult();
            }

            return events;
        });
        await receiving.Task.WaitAsync(TimeSpan.FromSeconds(30));
        B.Kill();

        // A's follower ends with the notice once the lease (2 s here) lapses, without any new turn.
        var followed = await following.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(followed[^1]["item"]?["type"]?.GetValue<string>() == "task", $"the follower ended with:\n{Dump(followed[^1])}\n{A.Output}");
        Assert.Contains("interrupted", followed[^1]["item"]!["task"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);

        // A load shows the checkpointed reply and the notice, and no run.
        var (_, loaded) = await onA.PostJsonAsync(GetThread(threadId));
        Assert.Null(loaded!["active_run"]);
        var items = loaded["items"]!["data"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).ToList();
        Assert.True(items.TakeLast(2).SequenceEqual(["assistant_message", "task"]), string.Join(", ", items));

        // The thread carries on, and the notice is there once.
        var next = await onA.StreamAsync(AddUserMessage(threadId, "after the crash"));
        Assert.Contains("after the crash", LastDone(next, "assistant_message")["content"]![0]!["text"]!.GetValue<string>());
        Assert.Single(await ListAllItemsAsync(onA, threadId), i => i!["type"]!.GetValue<string>() == "task");
    }

    private async Task<ConversationResult> RunConversationAsync(int index, CookieContainer jar)
    {
        // Even conversations start on A, odd ones on B; every following request goes to the other host.
        var (first, second) = index % 2 == 0 ? (A, B) : (B, A);
        using var one = first.CreateClient(jar);
        using var two = second.CreateClient(jar);
        var result = new ConversationResult(index);

        var text = $"conversation {index} turn 0";
        var created = await one.StreamAsync(CreateThread(text));
        result.ThreadId = created[0]["thread"]!["id"]!.GetValue<string>();
        result.Turns.Add(new Turn(text, DoneItemIds(created)));

        text = $"conversation {index} turn 1";
        result.Turns.Add(new Turn(text, DoneItemIds(await two.StreamAsync(AddUserMessage(result.ThreadId, text)))));

        var (listStatus, list) = await one.PostJsonAsync(ListThreads(limit: 100));
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains(list!["data"]!.AsArray(), t => t!["id"]!.GetValue<string>() == result.ThreadId);

        if (index % 5 == 0)
        {
            // The same thread, one turn sent to each host at once: the second waits for the first (or gets a 409).
            var texts = new[] { $"conversation {index} concurrent on {first.Name}", $"conversation {index} concurrent on {second.Name}" };
            var outcomes = await Task.WhenAll(TryTurnAsync(one, result.ThreadId, texts[0]), TryTurnAsync(two, result.ThreadId, texts[1]));
            for (var k = 0; k < 2; k++)
            {
                if (outcomes[k] is { } events)
                {
                    result.ConcurrentCompleted.Add(new Turn(texts[k], DoneItemIds(events)));
                }
                else
                {
                    result.Conflicts++;
                }
            }

            Assert.NotEmpty(result.ConcurrentCompleted);
        }

        var (getStatus, thread) = await two.PostJsonAsync(GetThread(result.ThreadId));
        Assert.True(getStatus == HttpStatusCode.OK, Dump(thread));

        text = $"conversation {index} turn 2";
        result.LastTurn = new Turn(text, DoneItemIds(await one.StreamAsync(AddUserMessage(result.ThreadId, text))));
        return result;
    }

    private async Task CheckThreadAsync(ConversationResult result, CookieContainer jar)
    {
        using var onA = A.CreateClient(jar);
        using var onB = B.CreateClient(jar);
        var items = await ListAllItemsAsync(onA, result.ThreadId);
        var throughB = await ListAllItemsAsync(onB, result.ThreadId);
        Assert.True(JsonNode.DeepEquals(items, throughB), $"the hosts disagree on thread {result.ThreadId}");

        var ids = items.Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // Turns are contiguous: user message, workflow, reply to that message — never interleaved with another turn.
        Assert.True(items.Count % 3 == 0, Dump(items));
        var stored = new List<Turn>();
        for (var k = 0; k < items.Count; k += 3)
        {
            Assert.Equal(["user_message", "workflow", "assistant_message"], items.Skip(k).Take(3).Select(i => i!["type"]!.GetValue<string>()));
            var userText = items[k]!["content"]![0]!["text"]!.GetValue<string>();
            var reply = items[k + 2]!["content"]![0]!["text"]!.GetValue<string>();
            Assert.Contains($"You said: *{userText}*", reply);
            stored.Add(new Turn(userText, ids.Skip(k).Take(3).ToList()));
        }

        // Every completed turn is stored once, in the order it ran; the concurrent pair in either order.
        var concurrent = result.ConcurrentCompleted;
        Assert.Equal(result.Turns.Count + concurrent.Count + 1, stored.Count);
        Assert.Equal(result.Turns, stored.Take(result.Turns.Count), TurnComparer.Instance);
        var middle = stored.Skip(result.Turns.Count).Take(concurrent.Count).ToList();
        Assert.Equal(concurrent.OrderBy(t => t.Text), middle.OrderBy(t => t.Text), TurnComparer.Instance);
        Assert.Equal(result.LastTurn!, stored[^1], TurnComparer.Instance);
    }

    private static async Task<JsonArray> ListAllItemsAsync(ChatKitHttpClient client, string threadId)
    {
        var (status, page) = await client.PostJsonAsync(ListItems(threadId, limit: 1000, order: "asc"));
        Assert.True(status == HttpStatusCode.OK, Dump(page));
        Assert.False(page!["has_more"]!.GetValue<bool>());
        return page["data"]!.AsArray();
    }

    // A turn that completes (its events) or is refused with 409 after waiting for the thread (null).
    private static async Task<List<JsonObject>?> TryTurnAsync(ChatKitHttpClient client, string threadId, string text)
    {
        using var response = await client.PostRawAsync(AddUserMessage(threadId, text));
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("conflict", error!["error"]!["code"]!.GetValue<string>());
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = new List<JsonObject>();
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var e in SseReader.ReadAsync(stream))
        {
            events.Add(e);
        }

        return events;
    }

    // The ids of the items a turn's stream acknowledged with thread.item.done; a completed turn ends with its reply.
    private static List<string> DoneItemIds(List<JsonObject> events)
    {
        Assert.Contains(events, e => e["type"]!.GetValue<string>() == "thread.item.done" && e["item"]!["type"]!.GetValue<string>() == "assistant_message");
        return events.Where(e => e["type"]!.GetValue<string>() == "thread.item.done").Select(e => e["item"]!["id"]!.GetValue<string>()).ToList();
    }

    private sealed record Turn(string Text, List<string> ItemIds);

    private sealed class TurnComparer : IEqualityComparer<Turn>
    {
        public static readonly TurnComparer Instance = new();

        public bool Equals(Turn? x, Turn? y) => x is not null && y is not null && x.Text == y.Text && x.ItemIds.SequenceEqual(y.ItemIds);

        public int GetHashCode(Turn obj) => obj.Text.GetHashCode(StringComparison.Ordinal);
    }

    private sealed class ConversationResult(int index)
    {
        public int Index { get; } = index;

        public string ThreadId { get; set; } = string.Empty;

        public List<Turn> Turns { get; } = [];

        public List<Turn> ConcurrentCompleted { get; } = [];

        public int Conflicts { get; set; }

        public Turn? LastTurn { get; set; }
    }

    // A "slow" reply read until its host dies; returns the items acknowledged with thread.item.done.
    private sealed class SlowTurn(ChatKitHttpClient client, string threadId, CancellationToken cancellationToken)
    {
        private readonly List<JsonObject> _acknowledged = [];

        public TaskCompletionSource StreamingText { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Completed { get; private set; }

        public async Task<List<JsonObject>> Run()
        {
            var deltas = 0;
            try
            {
                await foreach (var e in client.StreamEventsAsync(AddUserMessage(threadId, "please be slow"), cancellationToken))
                {
                    if (e["type"]!.GetValue<string>() == "thread.item.done")
                    {
                        _acknowledged.Add(e["item"]!.AsObject());
                    }
                    else if (e["update"]?["type"]?.GetValue<string>() == "assistant_message.content_part.text_delta" && ++deltas == 3)
                    {
                        StreamingText.TrySetResult();
                    }
                }

                Completed = true;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // The host died mid-stream.
            }

            StreamingText.TrySetResult();
            return _acknowledged;
        }
    }
}
