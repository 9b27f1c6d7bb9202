using System.Text.Json.Nodes;
using ChatKit.Server;
using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Server;

/// <summary>
/// Size limits on what clients send: each violation is a 400 naming the field, stores nothing, does not echo the
/// value, and leaves the server serving; pages stop at their byte budget.
/// </summary>
public sealed class SizeLimitsTests
{
    private static async Task<ChatKitException> RejectedAsync(ServerFixture f, string body, string field, params string[] attachmentIds)
    {
        var before = await f.SnapshotAsync(attachmentIds);
        var error = await Assert.ThrowsAnyAsync<ChatKitException>(() => f.ProcessAsync(body));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("limit_exceeded", error.Code);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 1, 300);
        Assert.Equal(before, await f.SnapshotAsync(attachmentIds));
        Assert.Equal("thread.created", (string?)(await f.StreamAsync(ServerFixture.CreateBody("still serving")))[0]["type"]);
        return error;
    }

    private static string Update(string threadId, string title) =>
        new JsonObject { ["type"] = "threads.update", ["params"] = new JsonObject { ["thread_id"] = threadId, ["title"] = title } }.ToJsonString();

    [Fact]
    public async Task An_over_long_title_is_refused()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        await RejectedAsync(f, Update(threadId, new string('t', 1001)), "params.title");
        Assert.NotNull(await f.JsonAsync(Update(threadId, new string('t', 1000))));
    }

    [Fact]
    public async Task Over_long_message_text_is_refused_for_new_and_existing_threads()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var text = new string('x', 100_001);
        await RejectedAsync(f, ServerFixture.CreateBody(text), "params.input.content");
        await RejectedAsync(f, ServerFixture.AddMessageBody(threadId, text), "params.input.content");
    }

    [Fact]
    public async Task A_message_item_over_the_byte_limit_is_refused()
    {
        var f = new ServerFixture();
        var body = JsonNode.Parse(ServerFixture.CreateBody("tagged"))!;
        body["params"]!["input"]!["content"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "input_tag", ["id"] = "doc", ["text"] = "Doc", ["data"] = new JsonObject { ["blob"] = new string('d', 1_100_000) },
        });
        await RejectedAsync(f, body.ToJsonString(), "params.input");
    }

    [Fact]
    public async Task Too_many_or_repeated_attachments_are_refused()
    {
        var f = new ServerFixture();
        var ids = Enumerable.Range(0, 11).Select(i => $"atc_{i}").ToArray();
        foreach (var id in ids)
        {
            await f.Memory.SaveAttachmentAsync(new FileAttachment { Id = id, Name = id + ".txt", MimeType = "text/plain" }, f.Context);
        }

        await RejectedAsync(f, ServerFixture.CreateBody("eleven", ids), "params.input.attachments", ids);
        var error = await RejectedAsync(f, ServerFixture.CreateBody("same one", "atc_0", "atc_0"), "params.input.attachments[1]", ids);
        Assert.Contains("repeat", error.Message, StringComparison.Ordinal);

        var events = await f.StreamAsync(ServerFixture.CreateBody("ten", [.. ids.Take(10)]));
        Assert.Equal("thread.created", (string?)events[0]["type"]);
    }

    [Fact]
    public async Task An_over_long_id_is_a_400_that_does_not_echo_it()
    {
        var f = new ServerFixture();
        var longId = "thr_" + new string('z', 1_000_000);
        var error = await RejectedAsync(f, ("{\"type\":\"threads.get_by_id\",\"params\":{\"thread_id\":\"" + longId + "\"}}"), "params.thread_id");
        Assert.DoesNotContain("zzzz", error.Message, StringComparison.Ordinal);
        await RejectedAsync(f, ("{\"type\":\"items.list\",\"params\":{\"thread_id\":\"thr_x\",\"after\":\"" + longId + "\"}}"), "params.after");
        await RejectedAsync(f, ServerFixture.AddMessageBody(longId, "hi"), "params.thread_id");
    }

    [Fact]
    public async Task A_client_tool_output_over_the_byte_limit_is_refused()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        var body = new JsonObject
        {
            ["type"] = "threads.add_client_tool_output",
            ["params"] = new JsonObject { ["thread_id"] = threadId, ["result"] = new JsonObject { ["blob"] = new string('r', 1_100_000) } },
        };
        await RejectedAsync(f, body.ToJsonString(), "params.result");
    }

    [Fact]
    public async Task Threads_list_stops_at_its_byte_budget_and_pages_on()
    {
        var f = new ServerFixture();
        for (var i = 0; i < 6; i++)
        {
            // Written straight to the store, as a handler might: the request limits do not cover handler-set titles.
            await f.Memory.SaveThreadAsync(new ThreadMetadata { Id = $"thr_{i}", CreatedAt = f.Clock.GetUtcNow(), Title = new string((char)('a' + i), 1_000_000) }, f.Context);
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var cursor = after is null ? "" : $",\"after\":\"{after}\"";
            var result = await f.ProcessAsync(("{\"type\":\"threads.list\",\"params\":{\"limit\":100,\"order\":\"asc\"" + cursor + "}}"));
            var json = Assert.IsType<JsonResult>(result).Json;
            Assert.InRange(json.Length, 1, 5 * 1024 * 1024);
            var page = Run.Json(result)!;
            seen.AddRange(page["data"]!.AsArray().Select(t => (string)t!["id"]!));
            after = (bool)page["has_more"]! ? (string?)page["after"] : null;
            pages++;
        }
        while (after is not null);

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"thr_{i}"), seen);
        Assert.True(pages > 1, "one page held all six megabyte titles");
    }

    [Fact]
    public async Task Item_pages_stop_at_their_byte_budget_and_page_on()
    {
        var f = new ServerFixture();
        var threadId = await f.CreateThreadAsync();
        for (var i = 0; i < 6; i++)
        {
            await f.Memory.AddThreadItemAsync(threadId, new AssistantMessageItem
            {
                Id = $"msg_big{i}", ThreadId = threadId, CreatedAt = f.Clock.GetUtcNow(), Content = [new AssistantMessageContent { Text = new string('m', 1_000_000) }],
            }, f.Context);
        }

        var thread = Run.Json(await f.ProcessAsync(("{\"type\":\"threads.get_by_id\",\"params\":{\"thread_id\":\"" + threadId + "\"}}")))!;
        Assert.True((bool)thread["items"]!["has_more"]!);

        var seen = new List<string>();
        string? after = null;
        do
        {
            var cursor = after is null ? "" : $",\"after\":\"{after}\"";
            var result = await f.ProcessAsync(("{\"type\":\"items.list\",\"params\":{\"thread_id\":\"" + threadId + "\",\"limit\":100,\"order\":\"asc\"" + cursor + "}}"));
            Assert.InRange(Assert.IsType<JsonResult>(result).Json.Length, 1, 5 * 1024 * 1024);
            var page = Run.Json(result)!;
            seen.AddRange(page["data"]!.AsArray().Select(t => (string)t!["id"]!));
            after = (bool)page["has_more"]! ? (string?)page["after"] : null;
        }
        while (after is not null);

        Assert.Equal(8, seen.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"msg_big{i}"), seen.Skip(2));
    }

    [Fact]
    public async Task The_size_limits_are_options()
    {
        var f = new ServerFixture(options: new ChatKitServerOptions { MaxTitleLength = 5, MaxAttachmentsPerMessage = 0, MaxIdLength = 20 });
        var threadId = await f.CreateThreadAsync();
        var error = await Assert.ThrowsAsync<ChatKitLimitExceededException>(() => f.ProcessAsync(Update(threadId, "sixsix")));
        Assert.Equal("params.title", error.Field);
        await Assert.ThrowsAsync<ChatKitLimitExceededException>(() => f.ProcessAsync(ServerFixture.CreateBody("x", "atc_1")));
        await Assert.ThrowsAsync<ChatKitLimitExceededException>(() => f.ProcessAsync("""{"type":"threads.get_by_id","params":{"thread_id":"thr_0123456789abcdefg"}}"""));
    }
}
