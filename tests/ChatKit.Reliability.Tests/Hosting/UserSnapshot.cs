using System.Net;
using System.Text.Json.Nodes;
using ChatKit.Testing.Http;

namespace ChatKit.Reliability.Tests.Hosting;

/// <summary>Everything a user has stored, as the protocol shows it: <c>threads.list</c> and every thread's items.</summary>
public static class UserSnapshot
{
    public static async Task<JsonObject> TakeAsync(RawClient client, CancellationToken cancellationToken = default)
    {
        var threads = await client.PostAsync(ChatKitRequests.ListThreads(limit: 100, order: "asc"), cancellationToken);
        Assert.True(threads.Status == HttpStatusCode.OK, "threads.list failed: " + threads.Describe());
        var snapshot = new JsonObject { ["threads"] = threads.Json!.DeepClone() };
        foreach (var thread in threads.Json!["data"]!.AsArray())
        {
            var id = thread!["id"]!.GetValue<string>();
            var items = await client.PostAsync(ChatKitRequests.ListItems(id, limit: 100, order: "asc"), cancellationToken);
            Assert.True(items.Status == HttpStatusCode.OK, $"items.list of {id} failed: " + items.Describe());
            snapshot[id] = items.Json!.DeepClone();
        }

        return snapshot;
    }
}
