using Microsoft.Data.Sqlite;

namespace ChatKit.Sqlite;

/// <summary>
/// The store's one writer connection, kept open with its statements prepared. Commits were the SQLite host's fixed
/// cost per turn: each opened a pooled connection, ran <c>PRAGMA synchronous</c> and prepared every statement
/// (transaction control included) again. Only the group committer uses it, one commit at a time.
/// </summary>
internal sealed class SqliteWriteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>Opens the connection and sets its durability and checkpoint size once (per-connection settings).</summary>
    public SqliteWriteSession(string connectionString, string synchronous, int walCheckpointPages)
    {
        Connection = new SqliteConnection(connectionString);
        try
        {
            Connection.Open();
            Execute("PRAGMA synchronous = " + synchronous);

            // Only this connection writes, so only its commits run checkpoints.
            Execute(FormattableString.Invariant($"PRAGMA wal_autocheckpoint = {walCheckpointPages}"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public SqliteConnection Connection { get; }

    /// <summary>The prepared command for <paramref name="sql"/>, without parameters. Do not dispose it.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    public void Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
