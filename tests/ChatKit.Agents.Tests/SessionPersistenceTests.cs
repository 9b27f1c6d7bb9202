using ChatKit.Agents.Tests.Support;
using ChatKit.Sqlite;

namespace ChatKit.Agents.Tests;

public sealed class SessionPersistenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatkit-agents-").FullName;

    private string DatabasePath => Path.Combine(_directory, "chatkit.db");

    [Fact]
    public async Task The_agent_session_survives_a_restart_of_the_host_on_SQLite()
    {
        string threadId;
        {
            // First host: two turns, then everything is dropped (store, server, agent).
            var store = new SqliteStore<TestContext>(DatabasePath);
            var harness = AgentHarness.ForAgent(new CountingAgent(), store);
            threadId = AgentHarness.ThreadIdOf(await harness.CreateThreadAsync("one"));
            Assert.Equal("turn 2: two", AgentHarness.AnswerOf(await harness.AddUserMessageAsync(threadId, "two")));
            store.Dispose();
        }

        {
            var store = new SqliteStore<TestContext>(DatabasePath);
            var agent = new CountingAgent();
            var harness = AgentHarness.ForAgent(agent, store);

            var third = await harness.AddUserMessageAsync(threadId, "three");

            Assert.Equal("turn 3: three", AgentHarness.AnswerOf(third));
            Assert.Equal(["user: one", "assistant: turn 1: one", "user: two", "assistant: turn 2: two", "user: three"], Assert.Single(agent.Runs));
            store.Dispose();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
