using System.Net;
using ChatKit.AspNetCore;
using ChatKit.Reliability.Tests.Hosting;
using ChatKit.Sqlite;
using ChatKit.Testing.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatKit.Reliability.Tests.Faults;

/// <summary>Another process holds the SQLite write lock for longer than the store waits.</summary>
public sealed class SqliteBusyTests : IAsyncLifetime
{
    private ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        // The demo's store waits 30 s for a busy database; the same store with a 1 s wait makes busy observable.
        _host = await ReliabilityHost.StartAsync(decorateStore: (inner, services) =>
        {
            var dataDirectory = services.GetRequiredService<IConfiguration>()["ChatKit:DataDirectory"]!;
            var path = Path.Combine(Path.GetFullPath(dataDirectory), "chatkit.db");
            ((IDisposable)inner).Dispose();
            return new SqliteStore<ChatKitRequestContext>(new SqliteStoreOptions { FilePath = path, BusyTimeout = TimeSpan.FromSeconds(1) });
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Turns_and_writes_during_a_held_write_lock_fail_clearly_and_everything_works_once_it_is_released()
    {
        using var client = new RawClient(_host.Endpoint);
        var threadId = await Turns.StartThreadAsync(client);
        var before = await UserSnapshot.TakeAsync(client);

        var outcomes = new List<(string What, Outcome Outcome)>();
        await using (var blocker = new SqliteConnection($"Data Source={_host.SqlitePath}"))
        {
            await blocker.OpenAsync();
            await using var begin = blocker.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();

            outcomes.Add(("turn", await client.PostAsync(ChatKitRequests.AddUserMessage(threadId, "are you busy?"))));
            outcomes.Add(("new thread", await client.PostAsync(ChatKitRequests.CreateThread("busy"))));
            outcomes.Add(("title", await client.PostAsync(ChatKitRequests.Request("threads.update", new() { ["thread_id"] = threadId, ["title"] = "renamed" }))));

            // Readers are not blocked by a writer (WAL).
            var read = await client.PostAsync(ChatKitRequests.ListItems(threadId));
            Assert.True(read.Status == HttpStatusCode.OK, "read during the write lock: " + read.Describe());

            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        foreach (var (what, outcome) in outcomes)
        {
            AfterFault.AssertClearAnswer(outcome, "busy: " + what);
            Assert.False(outcome.Status == HttpStatusCode.OK && !outcome.IsStream, $"busy: {what} claims success: {outcome.Describe()}");
        }

        // Nothing the client saw as done is missing, and the thread takes turns again.
        var done = outcomes.SelectMany(o => o.Outcome.DoneItemIds).ToList();
        var created = outcomes.SelectMany(o => o.Outcome.Events).FirstOrDefault(e => (string?)e["type"] == "thread.created");
        if (created is not null)
        {
            var newThread = created["thread"]!["id"]!.GetValue<string>();
            await AfterFault.AssertThreadRecoveredAsync(client, newThread, done.Where(id => outcomes[1].Outcome.DoneItemIds.Contains(id)), "busy: new thread");
        }

        await AfterFault.AssertThreadRecoveredAsync(client, threadId, outcomes[0].Outcome.DoneItemIds, "busy: turn");
        var retitled = await client.PostAsync(ChatKitRequests.Request("threads.update", new() { ["thread_id"] = threadId, ["title"] = "renamed" }));
        Assert.Equal(HttpStatusCode.OK, retitled.Status);
        Assert.NotEqual(before.ToJsonString(), (await UserSnapshot.TakeAsync(client)).ToJsonString());
    }
}
