using System.Text;
using System.Text.Json.Nodes;
using ChatKit.AI.Tests.Support;
using ChatKit.Server;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

/// <summary>A tool wrapped in ApprovalRequiredAIFunction pauses the turn on an approval card until the user answers.</summary>
public sealed class ToolApprovalTests
{
    private readonly List<string> _deleted = [];

    private ChatClientResponderOptions Options() => new()
    {
        Tools =
        [
            new ApprovalRequiredAIFunction(AIFunctionFactory.Create(
                (string path) =>
                {
                    _deleted.Add(path);
                    return $"Deleted {path}";
                },
                "delete_file",
                "Deletes a file.")),
        ],
    };

    private static async Task<(string ThreadId, JsonObject Card)> AskAsync(Harness harness)
    {
        harness.Client.Then(Text("I will delete it."), Call("call_1", "delete_file", """{"path":"notes.txt"}"""));
        var events = await harness.CreateThreadAsync("Delete notes.txt");
        Assert.Equal("thread.item.done:widget", Harness.Shape(events)[^1]);
        return (Harness.ThreadIdOf(events), events[^1]["item"]!.AsObject());
    }

    [Fact]
    public async Task The_turn_pauses_on_a_card_that_shows_what_will_run()
    {
        var harness = new Harness(Options());

        var (threadId, card) = await AskAsync(harness);

        Assert.Empty(_deleted);
        Assert.Single(harness.Client.Calls);
        var text = card["widget"]!.ToJsonString();
        Assert.Contains("Run delete_file", text);
        Assert.Contains("notes.txt", text);
        Assert.Contains(ChatClientResponder.ApproveToolActionType, text);
        Assert.Contains(ChatClientResponder.DenyToolActionType, text);
        var items = await harness.ItemsAsync(threadId);
        Assert.Equal(["UserMessageItem", "AssistantMessageItem", "WidgetItem"], items.Select(i => i.GetType().Name));
    }

    [Fact]
    public async Task Approve_runs_the_tool_and_the_turn_completes()
    {
        var harness = new Harness(Options());
        var (threadId, card) = await AskAsync(harness);
        harness.Client.Then(Text("Done, notes.txt is gone."));

        var events = await harness.ActionAsync(threadId, (string)card["id"]!, ChatClientResponder.ApproveToolActionType);

        Assert.Equal(["notes.txt"], _deleted);
        Assert.Equal("thread.item.replaced:widget", Harness.Shape(events)[1]);
        Assert.Contains("Approved", events[1]["item"]!["widget"]!.ToJsonString());
        Assert.DoesNotContain(ChatClientResponder.ApproveToolActionType, events[1]["item"]!["widget"]!.ToJsonString());
        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
        var seen = MessageText.Render(harness.Client.Calls[1]);
        Assert.Equal("user: Delete notes.txt", seen[0]);
        Assert.Contains(seen, m => m.StartsWith("tool: result call_1 ", StringComparison.Ordinal) && m.Contains("Deleted notes.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, m => m.Contains("graphical widget", StringComparison.Ordinal));

        var stored = Assert.IsType<WidgetItem>((await harness.ItemsAsync(threadId))[2]);
        Assert.Contains("Approved", stored.Widget.Json.ToJsonString());
    }

    [Fact]
    public async Task Deny_tells_the_model_and_does_not_run_the_tool()
    {
        var harness = new Harness(Options());
        var (threadId, card) = await AskAsync(harness);
        harness.Client.Then(Text("Understood, I left it."));

        var events = await harness.ActionAsync(threadId, (string)card["id"]!, ChatClientResponder.DenyToolActionType);

        Assert.Empty(_deleted);
        Assert.Contains("Denied", events[1]["item"]!["widget"]!.ToJsonString());
        var result = Assert.Single(harness.Client.Calls[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Equal("call_1", result.CallId);
        Assert.Contains("rejected", (string)result.Result!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("The user denied this call.", (string)result.Result!);
        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
    }

    [Fact]
    public async Task A_second_click_is_an_error_and_changes_nothing()
    {
        var harness = new Harness(Options());
        var (threadId, card) = await AskAsync(harness);
        harness.Client.Then(Text("Done."));
        await harness.ActionAsync(threadId, (string)card["id"]!, ChatClientResponder.ApproveToolActionType);
        var before = (await harness.ItemsAsync(threadId)).Select(i => i.Id).ToList();

        var again = await harness.ActionAsync(threadId, (string)card["id"]!, ChatClientResponder.DenyToolActionType);

        Assert.Equal(["stream_options", "error"], Harness.Shape(again));
        Assert.Equal(harness.Options.ApprovalNotPendingMessage, (string)again[^1]["message"]!);
        Assert.Equal(["notes.txt"], _deleted);
        Assert.Equal(before, (await harness.ItemsAsync(threadId)).Select(i => i.Id));
        Assert.Contains("Approved", Assert.IsType<WidgetItem>((await harness.ItemsAsync(threadId))[2]).Widget.Json.ToJsonString());
    }

    [Fact]
    public async Task A_click_after_the_conversation_moved_on_is_an_error()
    {
        var harness = new Harness(Options());
        var (threadId, card) = await AskAsync(harness);
        harness.Client.Then(Text("Something else then."));
        await harness.AddUserMessageAsync(threadId, "Never mind");

        var stale = await harness.ActionAsync(threadId, (string)card["id"]!, ChatClientResponder.ApproveToolActionType);

        Assert.Equal("error", (string)stale[^1]["type"]!);
        Assert.Empty(_deleted);
        Assert.Equal(2, harness.Client.Calls.Count);
    }

    [Fact]
    public async Task Another_user_cannot_answer_the_approval()
    {
        var harness = new Harness(Options());
        var (threadId, card) = await AskAsync(harness);
        var request = Harness.ActionRequest(threadId, (string)card["id"]!, ChatClientResponder.ApproveToolActionType);

        await Assert.ThrowsAsync<ChatKitNotFoundException>(() => harness.Server.ProcessAsync(Encoding.UTF8.GetBytes(request), new TestContext("intruder"), default));

        Assert.Empty(_deleted);
        Assert.Contains(ChatClientResponder.ApproveToolActionType, Assert.IsType<WidgetItem>((await harness.ItemsAsync(threadId))[2]).Widget.Json.ToJsonString());
    }

    [Fact]
    public async Task The_pending_approval_lives_in_the_store_so_a_new_server_can_resume_it()
    {
        var first = new Harness(Options());
        var (threadId, card) = await AskAsync(first);

        // A "restarted" server: same store, a new responder and client, nothing else carried over.
        var client = new ScriptedChatClient().Then(Text("Deleted after the restart."));
        var restarted = new ChatClientServer<TestContext>(first.Store, client, Options());
        var request = Harness.ActionRequest(threadId, (string)card["id"]!, ChatClientResponder.ApproveToolActionType);
        var result = Assert.IsType<StreamingResult>(await restarted.ProcessAsync(Encoding.UTF8.GetBytes(request), first.Context, default));
        var events = new List<ThreadStreamEvent>();
        await foreach (var e in result.Events)
        {
            events.Add(e);
        }

        Assert.Equal(["notes.txt"], _deleted);
        Assert.IsType<AssistantMessageItem>(Assert.IsType<ThreadItemDoneEvent>(events[^1]).Item);
    }

    [Fact]
    public async Task Calls_that_need_no_approval_in_the_same_batch_run_without_being_shown()
    {
        var options = Options();
        var looked = 0;
        options.Tools.Add(AIFunctionFactory.Create(() => { looked++; return "3 files"; }, "list_files"));
        var harness = new Harness(options);
        harness.Client.Then(Calls(
            new FunctionCallContent("c_list", "list_files"),
            new FunctionCallContent("c_del", "delete_file", new Dictionary<string, object?> { ["path"] = "a.txt" })));
        var events = await harness.CreateThreadAsync("Clean up");
        var card = events[^1]["item"]!;
        var shown = card["widget"]!["children"]!.AsArray().Where(c => (string?)c!["type"] == "Text").Select(c => (string)c!["value"]!);
        Assert.Equal(["Run delete_file"], shown);
        harness.Client.Then(Text("Kept a.txt."));

        await harness.ActionAsync(Harness.ThreadIdOf(events), (string)card["id"]!, ChatClientResponder.DenyToolActionType);

        Assert.Equal(1, looked);
        Assert.Empty(_deleted);
    }
}
