using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Testing.Hosting;
using ChatKit.Testing.Servers;
using ChatKit.Testing.StoreConformance;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Sqlite.Tests;

/// <summary>Runs over HTTP on SQLite (docs/protocol.md §16): the capability header, a disconnect that does not stop the run, re-attach by cursor.</summary>
public sealed class SqliteRunHostTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    private static HttpRequestMessage Post(Uri endpoint, string body, bool resumable)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (resumable)
        {
            request.Headers.Add(ChatKitRequestOptions.ResumableHeader, "1");
        }

        return request;
    }

    /// <summary>Reads frames (optional id line, data line, blank line) until <paramref name="stop"/> says so or the stream ends.</summary>
    private static async Task<List<(string? Id, JsonNode Event)>> ReadFramesAsync(StreamReader reader, Func<JsonNode, bool> stop)
    {
        var frames = new List<(string? Id, JsonNode Event)>();
        string? id = null;
        while (await reader.ReadLineAsync().WaitAsync(SafetyNet) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var e = JsonNode.Parse(line[6..])!;
                frames.Add((id, e));
                id = null;
                if (stop(e))
                {
                    break;
                }
            }
        }

        return frames;
    }

    [Fact]
    public async Task A_resumable_client_that_disconnects_leaves_the_run_going_and_re_attaches_after_its_last_event()
    {
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        var server = new AnsweringServer(store);
        await using var host = await ChatKitTestHost.StartAsync(server);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Hold = release.Task;

        string threadId;
        string lastId;
        using (var response = await http.SendAsync(Post(host.Endpoint, CreateThread("hello"), resumable: true), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var frames = await ReadFramesAsync(reader, e => (string?)e["type"] == "thread.item.added");
            threadId = (string)frames[0].Event["thread"]!["id"]!;
            Assert.All(frames, f => Assert.StartsWith("run_", f.Id, StringComparison.Ordinal));
            lastId = frames[^1].Id!;
        }

        // The connection is gone; the run is not.
        await server.TurnHeld.Task.WaitAsync(SafetyNet);
        using (var response = await http.SendAsync(Post(host.Endpoint, GetThread(threadId), resumable: true)))
        {
            var thread = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(lastId[..lastId.LastIndexOf('.')], (string)thread["active_run"]!["id"]!);
        }

        var resume = Request("threads.resume_run", new JsonObject { ["thread_id"] = threadId, ["after"] = lastId });
        // Headers go out with the first frame: the run's next event comes once it is released.
        var resuming = http.SendAsync(Post(host.Endpoint, resume, resumable: true), HttpCompletionOption.ResponseHeadersRead);
        release.SetResult();
        using (var response = await resuming)
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var rest = await ReadFramesAsync(reader, _ => false);
            Assert.Equal("thread.item.done", (string)rest[0].Event["type"]!);
            Assert.Equal(long.Parse(lastId[(lastId.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1,
                long.Parse(rest[0].Id![(rest[0].Id!.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        var items = (await store.LoadThreadItemsAsync(threadId, null, 100, SortOrder.Asc, host.User)).Data;
        Assert.Equal(["hello", AnsweringServer.AnswerTo("hello")], items.Select(i => i is UserMessageItem u ? u.Text : ((AssistantMessageItem)i).Content[0].Text));
    }

    [Fact]
    public async Task Run_requests_with_bad_input_get_their_status_and_the_host_keeps_serving()
    {
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        var server = new AnsweringServer(store);
        await using var host = await ChatKitTestHost.StartAsync(server);
        using var client = host.CreateClient();
        var threadId = (string)(await client.StreamAsync(CreateThread("hello")))[0]["thread"]!["id"]!;

        var stop = Request("threads.stop_run", new JsonObject { ["thread_id"] = threadId });
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJsonAsync(stop)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync(Request("threads.stop_run", new JsonObject { ["thread_id"] = "thr_nope" }))).Status);
        var resume = Request("threads.resume_run", new JsonObject { ["thread_id"] = threadId, ["after"] = "not a cursor" });
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJsonAsync(resume)).Status); // no run to resume, whatever the cursor
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync(Request("threads.resume_run", new JsonObject { ["thread_id"] = "thr_nope" }))).Status);

        var answer = await client.StreamAsync(AddUserMessage(threadId, "again"));
        Assert.Equal("thread.item.done", (string)answer[^1]["type"]!);
    }

    [Fact]
    public async Task Stopping_the_application_stops_its_runs_cleanly_after_the_drain_timeout()
    {
        using var store = new SqliteStore<StoreTestContext>(temp.NewDatabasePath());
        var server = new AnsweringServer(store, new ChatKitServerOptions { RunDrainTimeout = TimeSpan.FromMilliseconds(200) });
        server.Hold = new TaskCompletionSource().Task; // the reply never comes on its own
        var host = await ChatKitTestHost.StartAsync(server);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        string threadId;
        using (var response = await http.SendAsync(Post(host.Endpoint, CreateThread("hello"), resumable: true), HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            threadId = (string)(await ReadFramesAsync(reader, e => (string?)e["type"] == "thread.item.done"))[0].Event["thread"]!["id"]!;
        }

        await server.TurnHeld.Task.WaitAsync(SafetyNet);
        Assert.True((await store.LoadThreadAsync(threadId, host.User)).Metadata.ContainsKey("chatkit_run"));

        // The application stops: its run is stopped as threads.stop_run does, not left to be found dead later.
        await host.DisposeAsync().AsTask().WaitAsync(SafetyNet);

        Assert.False((await store.LoadThreadAsync(threadId, host.User)).Metadata.ContainsKey("chatkit_run"));
        var items = (await store.LoadThreadItemsAsync(threadId, null, 100, SortOrder.Asc, host.User)).Data;
        Assert.IsType<UserMessageItem>(items[0]);
        Assert.Equal(ChatKitServer<StoreTestContext>.CancelledStreamNotice, Assert.IsType<SdkHiddenContextItem>(items[^1]).Content);
    }
}
