using System.Net;
using System.Text.Json.Nodes;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Demo.Tests;

/// <summary>The demo on real Kestrel, driven over HTTP like a browser would.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private DemoHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_stream_list_retry_delete_cycle()
    {
        using var client = _host.CreateClient();
        var created = await client.StreamAsync(CreateThread("Hello demo"));
        var types = Types(created);
        Assert.Equal(["thread.created", "thread.item.done", "stream_options"], types.Take(3));
        Assert.Equal("user_message", created[1]["item"]!["type"]!.GetValue<string>());
        Assert.Contains("thread.updated", types); // the first turn titles the thread
        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();
        var reply = LastDone(created, "assistant_message");
        var replyText = reply["content"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("offline demo assistant", replyText);
        var deltas = created.Where(e => e["update"]?["type"]?.GetValue<string>() == "assistant_message.content_part.text_delta")
            .Select(e => e["update"]!["delta"]!.GetValue<string>());
        Assert.Equal(replyText, string.Concat(deltas));

        var (listStatus, list) = await client.PostJsonAsync(ListThreads());
        Assert.Equal(HttpStatusCode.OK, listStatus);
        var thread = Assert.Single(list!["data"]!.AsArray());
        Assert.Equal(threadId, thread!["id"]!.GetValue<string>());
        Assert.Equal("Hello demo", thread["title"]!.GetValue<string>());
        Assert.Equal(new JsonObject(), thread["metadata"], JsonNode.DeepEquals);

        var (_, items) = await client.PostJsonAsync(ListItems(threadId, order: "asc"));
        var itemTypes = items!["data"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["user_message", "workflow", "assistant_message"], itemTypes);
        var userMessageId = items["data"]![0]!["id"]!.GetValue<string>();

        var retried = await client.StreamAsync(Retry(threadId, userMessageId));
        Assert.Equal("stream_options", retried[0]["type"]!.GetValue<string>());
        Assert.NotEqual(reply["id"]!.GetValue<string>(), LastDone(retried, "assistant_message")["id"]!.GetValue<string>());
        var (_, afterRetry) = await client.PostJsonAsync(ListItems(threadId, order: "asc"));
        Assert.Equal(3, afterRetry!["data"]!.AsArray().Count);
        Assert.Equal(userMessageId, afterRetry["data"]![0]!["id"]!.GetValue<string>());

        var (deleteStatus, deleted) = await client.PostJsonAsync(DeleteThread(threadId));
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.Equal(new JsonObject(), deleted, JsonNode.DeepEquals);
        var (goneStatus, gone) = await client.PostJsonAsync(GetThread(threadId));
        Assert.Equal(HttpStatusCode.NotFound, goneStatus);
        Assert.Equal("not_found", gone!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Threads_survive_a_restart()
    {
        var cookies = new CookieContainer();
        string threadId;
        using (var client = _host.CreateClient(cookies))
        {
            var created = await client.StreamAsync(CreateThread("Remember me"));
            threadId = created[0]["thread"]!["id"]!.GetValue<string>();
        }

        await _host.StopAsync();
        await using var restarted = await DemoHost.StartAsync(_host.DataDirectory);
        using var again = new Testing.Http.ChatKitHttpClient(restarted.Endpoint, cookies);
        var (status, thread) = await again.PostJsonAsync(GetThread(threadId));
        Assert.True(status == HttpStatusCode.OK, Dump(thread));
        Assert.Equal("Remember me", thread!["title"]!.GetValue<string>());
        Assert.Equal(3, thread["items"]!["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Twenty_concurrent_streams_all_complete()
    {
        var turns = Enumerable.Range(0, 20).Select(async i =>
        {
            using var client = _host.CreateClient();
            var events = await client.StreamAsync(CreateThread($"Concurrent {i}"));
            return LastDone(events, "assistant_message")["content"]![0]!["text"]!.GetValue<string>();
        });
        var replies = await Task.WhenAll(turns);
        Assert.All(replies.Select((text, i) => (text, i)), r => Assert.Contains($"Concurrent {r.i}", r.text));
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_leaves_the_server_serving_and_the_message_saved()
    {
        using var client = _host.CreateClient();
        var created = await client.StreamAsync(CreateThread("first"));
        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();

        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            var deltas = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var e in client.StreamEventsAsync(AddUserMessage(threadId, "please be slow"), cts.Token))
                {
                    if (e["update"]?["type"]?.GetValue<string>() == "assistant_message.content_part.text_delta" && ++deltas == 3)
                    {
                        await cts.CancelAsync();
                    }
                }
            });
        }

        // The clean-up runs on the server after it notices the disconnect; poll for it (up to 30 s: a safety net
        // for a busy machine, it is normally done within milliseconds).
        JsonArray data = [];
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var (status, items) = await client.PostJsonAsync(ListItems(threadId, order: "asc"));
            Assert.Equal(HttpStatusCode.OK, status);
            data = items!["data"]!.AsArray();
            if (data.Count >= 6)
            {
                break;
            }

            await Task.Delay(100);
        }

        var types = data.Select(i => i!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["user_message", "workflow", "assistant_message", "user_message", "workflow", "assistant_message"], types);
        Assert.Equal("please be slow", data[3]!["content"]![0]!["text"]!.GetValue<string>());
        var partial = data[5]!["content"]![0]!["text"]!.GetValue<string>();
        Assert.StartsWith("This reply streams slowly", partial);
        Assert.True(partial.Length < DemoReplies.Slow.Length, "the cancelled reply should be partial");

        var next = await client.StreamAsync(AddUserMessage(threadId, "still there?"));
        Assert.Contains("still there?", LastDone(next, "assistant_message")["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_widget_action_updates_the_widget_in_place()
    {
        using var client = _host.CreateClient();
        var created = await client.StreamAsync(CreateThread("show me a widget"));
        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();
        var widget = LastDone(created, "widget");
        var widgetId = widget["id"]!.GetValue<string>();
        Assert.Equal("Card", widget["widget"]!["type"]!.GetValue<string>());

        var incremented = await client.StreamAsync(Action(threadId, widgetId, "demo.increment", new JsonObject { ["by"] = 1 }));
        Assert.Equal(["stream_options", "thread.item.replaced"], Types(incremented));
        Assert.Equal(widgetId, incremented[1]["item"]!["id"]!.GetValue<string>());
        Assert.Contains("Count: 1", incremented[1]["item"]!["widget"]!.ToJsonString());

        var noted = await client.StreamAsync(Action(threadId, widgetId, "demo.note", new JsonObject { ["note"] = "hello" }));
        Assert.Contains("Note: hello", noted[1]["item"]!["widget"]!.ToJsonString());

        var (status, reset) = await client.PostJsonAsync(Action(threadId, widgetId, "demo.reset", sync: true));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Count: 0", reset!["updated_item"]!["widget"]!.ToJsonString());

        var (_, items) = await client.PostJsonAsync(ListItems(threadId));
        var stored = items!["data"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == widgetId);
        Assert.Contains("Count: 0", stored!["widget"]!.ToJsonString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_delete_file_approval_survives_a_restart_and_only_its_user_can_answer_it(bool approve)
    {
        var cookies = new CookieContainer();
        string threadId;
        string cardId;
        using (var client = _host.CreateClient(cookies))
        {
            var created = await client.StreamAsync(CreateThread("please delete file notes.txt"));
            threadId = created[0]["thread"]!["id"]!.GetValue<string>();
            var card = LastDone(created, "widget");
            cardId = card["id"]!.GetValue<string>();
            Assert.Contains("Run delete_file", card.ToJsonString(), StringComparison.Ordinal);
        }

        // The pending approval lives in the SQLite file: a new host answers it.
        await _host.StopAsync();
        await using var restarted = await DemoHost.StartAsync(_host.DataDirectory);
        var actionType = approve ? "chatkit.tool_approval.approve" : "chatkit.tool_approval.deny";
        using (var stranger = new Testing.Http.ChatKitHttpClient(restarted.Endpoint))
        {
            var (status, _) = await stranger.PostJsonAsync(Action(threadId, cardId, actionType));
            Assert.Equal(HttpStatusCode.NotFound, status);
        }

        using var again = new Testing.Http.ChatKitHttpClient(restarted.Endpoint, cookies);
        var answered = await again.StreamAsync(Action(threadId, cardId, actionType));
        var reply = LastDone(answered, "assistant_message")["content"]![0]!["text"]!.GetValue<string>();
        Assert.Contains(approve ? "Done: Deleted notes.txt" : "You denied the deletion", reply, StringComparison.Ordinal);

        var twice = await again.StreamAsync(Action(threadId, cardId, actionType));
        Assert.Equal("error", twice[^1]["type"]!.GetValue<string>());
        var (_, thread) = await again.PostJsonAsync(GetThread(threadId));
        Assert.Equal(approve ? "Approved" : "Denied", thread!["items"]!["data"]!.AsArray()
            .Single(i => i!["type"]!.GetValue<string>() == "widget")!["widget"]!["children"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_tool_round_trip_resumes_the_turn()
    {
        using var client = _host.CreateClient();
        var created = await client.StreamAsync(CreateThread("use the client tool"));
        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();
        var call = LastDone(created, "client_tool_call");
        Assert.Equal("get_browser_info", call["name"]!.GetValue<string>());
        Assert.Equal("pending", call["status"]!.GetValue<string>());

        var resumed = await client.StreamAsync(ClientToolOutput(threadId, new JsonObject { ["userAgent"] = "test-agent", ["language"] = "fr" }));
        Assert.Contains("test-agent", LastDone(resumed, "assistant_message")["content"]![0]!["text"]!.GetValue<string>());

        var (status, error) = await client.PostJsonAsync(ClientToolOutput(threadId, null));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("conflict", error!["error"]!["code"]!.GetValue<string>());
    }
}

/// <summary>The pages and the web component bundle are served without npm.</summary>
public sealed class StaticAssetTests : IAsyncLifetime
{
    private DemoHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_web_component_and_the_demo_pages_are_served()
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        var script = await http.GetAsync("chatkit/chatkit.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openai-chatkit", await script.Content.ReadAsStringAsync());

        var etag = script.Headers.ETag;
        Assert.NotNull(etag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "chatkit/chatkit.js");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(conditional)).StatusCode);

        var index = await http.GetStringAsync("/");
        Assert.Contains("/chatkit/chatkit.js", index);
        Assert.Contains("<openai-chatkit", index);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("react.html")).StatusCode);
    }
}
