using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Postgres.Tests;
using ChatKit.Reliability.Tests.Faults;
using ChatKit.Reliability.Tests.Hosting;
using ChatKit.Testing.Http;
using Npgsql;
using Xunit.Abstractions;

namespace ChatKit.Reliability.Tests.Postgres;

/// <summary>The PostgreSQL backends serving the demo are terminated while a turn streams.</summary>
public sealed class PostgresKillTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private ReliabilityHost _host = null!;
    private string _database = string.Empty;

    public async Task InitializeAsync()
    {
        _database = server.DatabaseFor(nameof(PostgresKillTests));
        _host = await ReliabilityHost.StartAsync(TimeSpan.FromMilliseconds(10), null, "--ChatKit:Store", "postgres", "--ChatKit:Postgres:ConnectionString", _database);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Backends_killed_mid_turn_leave_a_consistent_thread_and_the_next_turn_works()
    {
        var killedTotal = 0;
        foreach (var killAfter in new[] { 1, 3, 8, 20, 40 })
        {
            using var client = new RawClient(_host.Endpoint);
            var threadId = await Turns.StartThreadAsync(client);
            var (seen, torn, killed) = await StreamAndKillAsync(ChatKitRequests.AddUserMessage(threadId, "tell me more"), client.Cookies, killAfter);
            killedTotal += killed;
            var why = $"backends killed after {killAfter} events";
            Assert.True(torn is null, $"{why}: the stream was torn ({torn}) after {seen.Count} events");
            var done = seen.Where(e => (string?)e["type"] == "thread.item.done").Select(e => e["item"]!["id"]!.GetValue<string>());
            await AfterFault.AssertThreadRecoveredAsync(client, threadId, done, why);
        }

        SuiteReport.Write(output, $"postgres: 5 turns, {killedTotal} backends terminated mid-turn");
        Assert.True(killedTotal >= 5, "no backend was terminated");
    }

    private async Task<(List<JsonObject> Seen, string? Torn, int Killed)> StreamAndKillAsync(string body, System.Net.CookieContainer cookies, int killAfter)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, _host.Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var seen = new List<JsonObject>();
        var killed = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await foreach (var e in SseReader.ReadAsync(stream))
            {
                seen.Add(e);
                if (seen.Count == killAfter)
                {
                    killed = await TerminateBackendsAsync();
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or FormatException)
        {
            return (seen, e.Message, killed);
        }

        if (seen.Count < killAfter)
        {
            // The answer was shorter than the kill point: kill now, the next turn still has to cope with it.
            killed = await TerminateBackendsAsync();
        }

        return (seen, null, killed);
    }

    private async Task<int> TerminateBackendsAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(_database) { Pooling = false };
        var name = builder.Database;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) AS t", connection);
        kill.Parameters.AddWithValue(name!);
        return (int)(long)(await kill.ExecuteScalarAsync())!;
    }
}
