using System.Net;
using ChatKit.Testing.Http;

namespace ChatKit.Reliability.Tests.Hosting;

/// <summary>Valid turns and the checks that they completed.</summary>
public static class Turns
{
    /// <summary>Asserts a 200 SSE stream that ended cleanly and holds a finished assistant message.</summary>
    public static Outcome AssertAnswered(Outcome outcome, string why)
    {
        Assert.True(outcome.Status == HttpStatusCode.OK && outcome.IsStream && outcome.Torn is null, $"{why}: {outcome.Describe()}");
        Assert.True(
            outcome.Events.Any(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "assistant_message"),
            $"{why}: no finished assistant message: {outcome.Describe()}");
        return outcome;
    }

    /// <summary>The id of the thread a <c>threads.create</c> stream created.</summary>
    public static string ThreadId(Outcome outcome) =>
        outcome.Events.First(e => (string?)e["type"] == "thread.created")["thread"]!["id"]!.GetValue<string>();

    /// <summary>Starts a thread with a complete answer; returns its id.</summary>
    public static async Task<string> StartThreadAsync(RawClient client, string text = "hello")
    {
        var outcome = AssertAnswered(await client.PostAsync(ChatKitRequests.CreateThread(text)), "threads.create");
        return ThreadId(outcome);
    }

    /// <summary>A new message on an existing thread gets a complete answer (its lock is free, its store works).</summary>
    public static async Task AssertNextTurnWorksAsync(RawClient client, string threadId, string why) =>
        AssertAnswered(await client.PostAsync(ChatKitRequests.AddUserMessage(threadId, "are you still there?")), why);

    /// <summary>Ids of the stored items of a thread (first 100, oldest first).</summary>
    public static async Task<List<string>> ItemIdsAsync(RawClient client, string threadId)
    {
        var items = await client.PostAsync(ChatKitRequests.ListItems(threadId, limit: 100, order: "asc"));
        Assert.True(items.Status == HttpStatusCode.OK, $"items.list {threadId}: {items.Describe()}");
        return items.Json!["data"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
    }
}
