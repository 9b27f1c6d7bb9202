using System.Net;
using System.Text.Json.Nodes;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Demo.Tests;

/// <summary>Every kind of bad input gets a clear status and JSON error, changes nothing, and the server keeps serving.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private DemoHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoHost.StartAsync(null, "--ChatKit:MaxRequestBytes", "65536");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, HttpStatusCode, string> MalformedBodies => new()
    {
        { "empty body", "", HttpStatusCode.BadRequest, "empty" },
        { "malformed JSON", "{\"type\": \"threads.list\", ", HttpStatusCode.BadRequest, "not valid JSON" },
        { "JSON array", "[1,2]", HttpStatusCode.BadRequest, "object" },
        { "missing type", "{\"params\":{}}", HttpStatusCode.BadRequest, "'type'" },
        { "unknown type", "{\"type\":\"threads.explode\",\"params\":{}}", HttpStatusCode.BadRequest, "Unknown request type 'threads.explode'" },
        { "missing params", "{\"type\":\"threads.list\"}", HttpStatusCode.BadRequest, "'params'" },
        { "wrong-typed limit", "{\"type\":\"threads.list\",\"params\":{\"limit\":{}}}", HttpStatusCode.BadRequest, "threads.list" },
        { "bad order literal", "{\"type\":\"threads.list\",\"params\":{\"order\":\"ASC\"}}", HttpStatusCode.BadRequest, "threads.list" },
        { "negative limit", "{\"type\":\"threads.list\",\"params\":{\"limit\":-1}}", HttpStatusCode.BadRequest, "limit" },
        { "missing thread_id", "{\"type\":\"threads.get_by_id\",\"params\":{}}", HttpStatusCode.BadRequest, "thread_id" },
        { "null title", "{\"type\":\"threads.update\",\"params\":{\"thread_id\":\"thr_x\",\"title\":null}}", HttpStatusCode.BadRequest, "threads.update" },
        { "missing input", "{\"type\":\"threads.create\",\"params\":{}}", HttpStatusCode.BadRequest, "input" },
        { "unknown feedback kind", "{\"type\":\"items.feedback\",\"params\":{\"thread_id\":\"t\",\"item_ids\":[],\"kind\":\"meh\"}}", HttpStatusCode.BadRequest, "items.feedback" },
        { "attachment type not allowed", "{\"type\":\"attachments.create\",\"params\":{\"name\":\"a.exe\",\"size\":1,\"mime_type\":\"application/x-msdownload\"}}", HttpStatusCode.UnsupportedMediaType, "not accepted" },
        { "unknown cursor", "{\"type\":\"threads.list\",\"params\":{\"after\":\"thr_nope\"}}", HttpStatusCode.BadRequest, "thr_nope" },
        { "null content part", "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":[null],\"attachments\":[],\"inference_options\":{}}}}", HttpStatusCode.BadRequest, "'params.input.content[0]' must not be null" },
        { "null attachment id", "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":[],\"attachments\":[null],\"inference_options\":{}}}}", HttpStatusCode.BadRequest, "'params.input.attachments[0]' must not be null" },
        { "null feedback item id", "{\"type\":\"items.feedback\",\"params\":{\"thread_id\":\"t\",\"item_ids\":[null],\"kind\":\"positive\"}}", HttpStatusCode.BadRequest, "'params.item_ids[0]' must not be null" },
        { "null structured answer", "{\"type\":\"threads.add_structured_input\",\"params\":{\"thread_id\":\"t\",\"item_id\":\"i\",\"input\":{\"answers\":{\"q\":null}}}}", HttpStatusCode.BadRequest, "'params.input.answers.q' must not be null" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_requests_get_a_clear_error(string why, string body, HttpStatusCode expected, string messagePart)
    {
        using var client = _host.CreateClient();
        var (status, error) = await client.PostJsonAsync(body);
        Assert.True(status == expected, $"{why}: expected {expected}, got {status}: {Dump(error)}");
        Assert.Contains(messagePart, error!["error"]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(error["error"]!["code"]!.GetValue<string>()));
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task Unknown_thread_ids_are_404_for_every_request_that_takes_one()
    {
        using var client = _host.CreateClient();
        const string missing = "thr_missing";
        string[] bodies =
        [
            GetThread(missing),
            DeleteThread(missing),
            ListItems(missing),
            AddUserMessage(missing, "hi"),
            Retry(missing, "msg_x"),
            Action(missing, null, "a"),
            Action(missing, null, "a", sync: true),
            ClientToolOutput(missing, new JsonObject()),
            Request("threads.update", new JsonObject { ["thread_id"] = missing, ["title"] = "t" }),
            Request("items.feedback", new JsonObject { ["thread_id"] = missing, ["item_ids"] = new JsonArray("msg_x"), ["kind"] = "positive" }),
            Request("threads.add_structured_input", new JsonObject { ["thread_id"] = missing, ["item_id"] = "msg_x", ["input"] = new JsonObject() }),
        ];
        foreach (var body in bodies)
        {
            var (status, error) = await client.PostJsonAsync(body);
            Assert.True(status == HttpStatusCode.NotFound, $"{body} -> {status} {Dump(error)}");
            Assert.Equal("not_found", error!["error"]!["code"]!.GetValue<string>());
        }

        var (_, list) = await client.PostJsonAsync(ListThreads());
        Assert.Empty(list!["data"]!.AsArray());
    }

    [Fact]
    public async Task Failures_before_the_stream_are_rejected_and_change_nothing()
    {
        using var client = _host.CreateClient();
        var created = await client.StreamAsync(CreateThread("hello"));
        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();
        var (_, before) = await client.PostJsonAsync(ListItems(threadId));

        var assistantId = LastDone(created, "assistant_message")["id"]!.GetValue<string>();
        (string Body, HttpStatusCode Status)[] cases =
        [
            (Retry(threadId, assistantId), HttpStatusCode.BadRequest),
            (ClientToolOutput(threadId, new JsonObject { ["x"] = 1 }), HttpStatusCode.Conflict),
            (Action(threadId, "msg_missing", "demo.increment"), HttpStatusCode.NotFound),
            (Request("threads.add_structured_input", new JsonObject { ["thread_id"] = threadId, ["item_id"] = assistantId, ["input"] = new JsonObject() }), HttpStatusCode.BadRequest),
            (AddUserMessage(threadId, "with a ghost attachment", "atc_ghost"), HttpStatusCode.NotFound),
            (CreateThread("x").Replace("\"attachments\":[]", "\"attachments\":[\"atc_ghost\"]", StringComparison.Ordinal), HttpStatusCode.NotFound),
        ];
        foreach (var (body, expected) in cases)
        {
            var (status, error) = await client.PostJsonAsync(body);
            Assert.True(status == expected, $"{body} -> {status} {Dump(error)}");
        }

        var (_, after) = await client.PostJsonAsync(ListItems(threadId));
        Assert.True(JsonNode.DeepEquals(before, after), "a rejected request changed the thread");
        var (_, threads) = await client.PostJsonAsync(ListThreads());
        Assert.Single(threads!["data"]!.AsArray());
    }

    [Fact]
    public async Task Explicit_nulls_for_optional_fields_and_integer_strings_are_accepted()
    {
        using var client = _host.CreateClient();
        var created = await client.StreamAsync("""
            {"type":"threads.create","metadata":null,"params":{"input":{
              "content":[{"type":"input_text","text":"About "},{"type":"input_tag","id":"doc_1","text":"Doc","data":null,"group":null,"interactive":null}],
              "attachments":[],"quoted_text":null,"inference_options":{"tool_choice":null,"model":null}}}}
            """);
        var tag = LastDone(created, "user_message")["content"]![1];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"input_tag","id":"doc_1","text":"Doc","data":{},"interactive":false}"""), tag), Dump(tag));

        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();
        var (status, page) = await client.PostJsonAsync($$$"""{"type":"items.list","params":{"thread_id":"{{{threadId}}}","limit":"1","order":null,"after":null}}""");
        Assert.True(status == HttpStatusCode.OK, Dump(page));
        Assert.Single(page!["data"]!.AsArray());
        Assert.True(page["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_null_content_part_is_a_400_that_creates_no_thread()
    {
        using var client = _host.CreateClient();
        var (status, error) = await client.PostJsonAsync("""
            {"type":"threads.create","params":{"input":{"content":[null],"attachments":[],"inference_options":{}}}}
            """);
        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {Dump(error)}");
        Assert.Equal("Invalid 'threads.create' request: 'params.input.content[0]' must not be null.", error!["error"]!["message"]!.GetValue<string>());

        var (_, threads) = await client.PostJsonAsync(ListThreads());
        Assert.Empty(threads!["data"]!.AsArray());
        var created = await client.StreamAsync(CreateThread("still here"));
        Assert.Equal("thread.created", created[0]["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Oversized_bodies_get_413()
    {
        using var client = _host.CreateClient();
        var huge = CreateThread(new string('x', 100_000));
        var (status, error) = await client.PostJsonAsync(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("payload_too_large", error!["error"]!["code"]!.GetValue<string>());
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task Another_users_thread_is_not_found()
    {
        using var alice = _host.CreateClient();
        using var mallory = _host.CreateClient();
        var created = await alice.StreamAsync(CreateThread("private"));
        var threadId = created[0]["thread"]!["id"]!.GetValue<string>();

        foreach (var body in new[] { GetThread(threadId), ListItems(threadId), DeleteThread(threadId), AddUserMessage(threadId, "sneaky") })
        {
            var (status, _) = await mallory.PostJsonAsync(body);
            Assert.Equal(HttpStatusCode.NotFound, status);
        }

        var (_, list) = await mallory.PostJsonAsync(ListThreads());
        Assert.Empty(list!["data"]!.AsArray());
        var (ok, thread) = await alice.PostJsonAsync(GetThread(threadId));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(3, thread!["items"]!["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_forged_anonymous_cookie_gets_a_fresh_identity()
    {
        var cookies = new CookieContainer();
        cookies.Add(_host.BaseAddress, new Cookie(".chatkit.uid", "forged-value"));
        using var client = _host.CreateClient(cookies);
        var (status, list) = await client.PostJsonAsync(ListThreads());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(list!["data"]!.AsArray());
        Assert.NotEqual("forged-value", cookies.GetCookies(_host.BaseAddress)[".chatkit.uid"]!.Value);
    }

    private static async Task AssertStillServingAsync(Testing.Http.ChatKitHttpClient client)
    {
        var (status, _) = await client.PostJsonAsync(ListThreads());
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
