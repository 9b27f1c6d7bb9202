using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace ChatKit.Sqlite;

/// <summary>
/// Open read connections, each with its statements prepared once, reused across requests. Opening a pooled
/// connection (which re-runs the connection's pragmas) and preparing the statements cost more than running a page
/// query, so the read path keeps both.
/// </summary>
internal sealed class SqliteReaderPool(string connectionString, int capacity) : IDisposable
{
    private readonly ConcurrentQueue<SqliteReadSession> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteReadSession Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryDequeue(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        return new SqliteReadSession(this, connectionString);
    }

    public void Return(SqliteReadSession session)
    {
        // A session is only reused in a clean state; anything else (a broken connection, a store being disposed,
        // more idle sessions than needed) is closed.
        if (_disposed || session.Connection.State != ConnectionState.Open || Interlocked.Increment(ref _idleCount) > capacity)
        {
            if (!_disposed && session.Connection.State == ConnectionState.Open)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            session.Close();
            return;
        }

        _idle.Enqueue(session);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var session))
        {
            session.Close();
        }
    }
}

/// <summary>One open read connection and its prepared commands; used by one request at a time.</summary>
internal sealed class SqliteReadSession : IDisposable
{
    private readonly SqliteReaderPool _pool;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteReadSession(SqliteReaderPool pool, string connectionString)
    {
        _pool = pool;
        Connection = new SqliteConnection(connectionString);
        Connection.Open();
    }

    public SqliteConnection Connection { get; }

    /// <summary>The prepared command for <paramref name="sql"/>, without parameters. Do not dispose it.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Hands the session back to the pool.</summary>
    public void Dispose() => _pool.Return(this);

    internal void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
