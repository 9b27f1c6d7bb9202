using System.Net;
using ChatKit.Reliability.Tests.Hosting;
using ChatKit.Testing.Http;

namespace ChatKit.Reliability.Tests.Faults;

/// <summary>The checks after every injected fault.</summary>
public static class AfterFault
{
    /// <summary>What the client got is well-formed: a JSON error with a code, or a 200 stream of complete frames.</summary>
    public static void AssertClearAnswer(Outcome outcome, string why)
    {
        if (outcome.IsStream)
        {
            Assert.True(outcome.Status == HttpStatusCode.OK && outcome.Torn is null, $"{why}: torn stream: {outcome.Describe()}");
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(outcome.ErrorCode), $"{why}: no JSON error: {outcome.Describe()}");
        }
    }

    /// <summary>
    /// The thread is readable, its items belong to it and are unique, everything the client saw as done is stored,
    /// and (its lock released, its store working) a new turn on it gets a complete answer.
    /// </summary>
    public static async Task AssertThreadRecoveredAsync(RawClient client, string threadId, IEnumerable<string> seenDone, string why)
    {
        var thread = await client.PostAsync(ChatKitRequests.GetThread(threadId));
        Assert.True(thread.Status == HttpStatusCode.OK, $"{why}: thread not readable: {thread.Describe()}");
        var items = await client.PostAsync(ChatKitRequests.ListItems(threadId, limit: 100, order: "asc"));
        Assert.True(items.Status == HttpStatusCode.OK, $"{why}: items not readable: {items.Describe()}");
        var stored = items.Json!["data"]!.AsArray().Select(i => i!).ToList();
        Assert.All(stored, i => Assert.Equal(threadId, i["thread_id"]!.GetValue<string>()));
        var ids = stored.Select(i => i["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var done in seenDone)
        {
            Assert.True(ids.Contains(done), $"{why}: item {done} was sent as done but is not stored; stored: {string.Join(", ", ids)}");
        }

        await Turns.AssertNextTurnWorksAsync(client, threadId, why + ": next turn");
    }
}
