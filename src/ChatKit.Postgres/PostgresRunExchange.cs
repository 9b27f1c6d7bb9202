using System.Collections.Concurrent;
using ChatKit.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace ChatKit.Postgres;

/// <summary>
/// The runs of the hosts of one PostgreSQL database (<see cref="IRunExchange{TContext}"/>, docs/scale-out.md, Runs):
/// the running host writes each batch of events as one row of <c>run_events</c> and updates its <c>runs</c> row in
/// the same round trip as a <c>pg_notify</c> that wakes the followers of the other hosts; one listening connection
/// per host (opened on first use) dispatches those notifications, and the stop requests meant for this host. The
/// running host renews the leases of all its running runs in one statement every third of
/// <see cref="PostgresStoreOptions.RunLeaseDuration"/>, on the database clock.
/// </summary>
/// <remarks>
/// Every host that publishes, follows or looks up runs also sweeps, once per lease duration: it ends (outcome
/// <c>abandoned</c>) the runs whose lease lapsed, waking their followers everywhere, and deletes the runs that ended
/// more than <see cref="GracePeriod"/> ago (their host normally deletes them itself; a host that died cannot). The
/// notice in the thread of an abandoned run is not written by the sweep: it is written by the next load, follow or
/// turn of the thread, which has the user's context (docs/scale-out.md, Runs).
/// </remarks>
/// <typeparam name="TContext">The per-request context.</typeparam>
public sealed partial class PostgresRunExchange<TContext> : IRunExchange<TContext>, IAsyncDisposable
{
    private const string StopPrefix = "stop:";
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ListenerIdleCheck = TimeSpan.FromSeconds(30);

    private readonly PostgresStore<TContext> _store;
    private readonly string _s;
    private readonly string _channel;
    private readonly TimeSpan _lease;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<RunWatch>> _watches = new(StringComparer.Ordinal);
    private readonly List<Action<string>> _stopHandlers = [];
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _listener;
    private Task? _renewer;
    private Task? _sweeper;

    internal PostgresRunExchange(PostgresStore<TContext> store, PostgresStoreOptions options)
    {
        _store = store;
        _s = store.Schema;
        _channel = ChannelFor(_s);
        _lease = options.RunLeaseDuration >= TimeSpan.FromSeconds(1)
            ? options.RunLeaseDuration
            : throw new ArgumentException($"RunLeaseDuration must be at least 1 second (was {options.RunLeaseDuration}).", nameof(options));
    }

    // How many batch rows one read returns at most (each is up to RunPublisher's 64 KB): a follower of a long run
    // reads it page by page instead of holding all of it.
    internal const int ReadPageRows = 64;

    // A run the sweep ended as abandoned while its host was only cut off from the database for longer than the lease
    // is its host's again when that host writes to it: nobody closed it (a closer needs the thread's locks, which
    // the running host holds, and marks it interrupted, which is final), so its followers go on and its end counts.
    private const string Revived = "r.outcome = 'abandoned' AND r.host_id = EXCLUDED.host_id";

    /// <summary>
    /// The notification channel of a schema: <c>{schema}_runs</c>, shortened when that exceeds PostgreSQL's 63-byte
    /// identifier limit (pg_notify refuses a longer channel, LISTEN would truncate it): the schema's own limit is 63.
    /// </summary>
    internal static string ChannelFor(string schema)
    {
        const int MaxIdentifier = 63;
        var channel = schema + "_runs";
        if (channel.Length <= MaxIdentifier)
        {
            return channel;
        }

        // Distinct long schemas keep distinct channels: a hash of the whole name replaces its tail.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(schema)))[..8];
        return string.Concat(schema.AsSpan(0, MaxIdentifier - "_runs".Length - hash.Length - 1), "_", hash, "_runs");
    }

    /// <summary>This host's id in the <c>runs</c> table (unique per store instance).</summary>
    public string HostId { get; } = string.Concat(Environment.MachineName, "/", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "/", Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Where listener and lease failures are logged (set by <c>AddPostgresStore</c>).</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>
    /// How long an ended run is kept before the sweep deletes it, if its host did not (default 30 s;
    /// <c>AddPostgresStore</c> sets it to the server's <c>ChatKit:RunGracePeriod</c>).
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public async ValueTask AppendAsync(string runId, string threadId, TContext context, RunEventBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(threadId);
        ArgumentNullException.ThrowIfNull(batch);

        // The running host must hear stop requests for its runs, and keep their leases.
        await StartAsync(cancellationToken).ConfigureAwait(false);
        if (batch.Outcome is null)
        {
            _running.TryAdd(runId, 0);
        }

        try
        {
            await _store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlBatch(connection);
            command.BatchCommands.Add(Statement($"""
                INSERT INTO {_s}.runs AS r (id, user_id, thread_id, host_id, lease_until, last_seq, ended, outcome)
                VALUES ($1, $2, $3, $4, now() + $5, $6, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END, $7)
                ON CONFLICT (id) DO UPDATE SET
                    last_seq = GREATEST(r.last_seq, EXCLUDED.last_seq),
                    lease_until = EXCLUDED.lease_until,
                    ended = CASE WHEN {Revived} THEN EXCLUDED.ended ELSE COALESCE(r.ended, EXCLUDED.ended) END,
                    outcome = CASE WHEN {Revived} THEN EXCLUDED.outcome ELSE COALESCE(r.outcome, EXCLUDED.outcome) END
                """, runId, _store.UserOf(context), threadId, HostId, _lease, batch.LastSeq, Text(batch.Outcome)));
            if (batch.ReplacesEarlier)
            {
                command.BatchCommands.Add(Statement($"DELETE FROM {_s}.run_events WHERE run_id = $1", runId));
            }

            if (batch.Events.Count > 0)
            {
                // A retry after an uncertain failure may write a batch twice: readers skip what they have by cursor.
                command.BatchCommands.Add(Statement(
                    $"INSERT INTO {_s}.run_events (run_id, first_seq, last_seq, events) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    runId, batch.ReplacesEarlier ? 0L : batch.SeqOf(0), batch.LastSeq, RunEventRows.Join(batch.Events)));
            }

            command.BatchCommands.Add(Statement("SELECT pg_notify($1, $2)", _channel, runId));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (PostgresStore<TContext>.IsUnavailable(e))
        {
            throw _store.Unavailable(e);
        }

        // Only an end that was written stops the renewals: while the last batch is retried the run stays leased, so
        // no other host closes a finished run as abandoned meanwhile. ForgetAsync releases it in any case.
        if (batch.Outcome is not null)
        {
            _running.TryRemove(runId, out _);
        }
    }

    /// <inheritdoc />
    public async ValueTask<RunStatus?> FindRunAsync(string threadId, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        StartSweeping();
        try
        {
            await _store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var command = _store.Command($"""
                SELECT id, last_seq, ended IS NOT NULL AND outcome IS DISTINCT FROM 'abandoned', ended IS NULL AND lease_until > now()
                FROM {_s}.runs WHERE user_id = $1 AND thread_id = $2
                ORDER BY started DESC, id LIMIT 1
                """, _store.UserOf(context), threadId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new RunStatus { Id = reader.GetString(0), LastSeq = reader.GetInt64(1), IsEnded = reader.GetBoolean(2), IsLive = reader.GetBoolean(3) };
        }
        catch (NpgsqlException e) when (PostgresStore<TContext>.IsUnavailable(e))
        {
            throw _store.Unavailable(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<RunEvents> ReadAsync(string runId, long after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        try
        {
            await _store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlBatch(connection);

            // The run's state first: an end read here comes with every batch the second statement then sees.
            command.BatchCommands.Add(Statement($"SELECT ended IS NOT NULL AND outcome IS DISTINCT FROM 'abandoned', ended IS NULL AND lease_until > now() FROM {_s}.runs WHERE id = $1", runId));
            command.BatchCommands.Add(Statement(
                $"SELECT first_seq, last_seq, events FROM {_s}.run_events WHERE run_id = $1 AND last_seq > $2 ORDER BY last_seq LIMIT $3",
                runId, after, ReadPageRows + 1));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Forgotten (or never published): nothing more will come.
                return new RunEvents { Batches = [], IsEnded = true, IsLive = false };
            }

            var ended = reader.GetBoolean(0);
            var live = reader.GetBoolean(1);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var batches = new List<RunEventBatch>();
            var hasMore = false;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (batches.Count == ReadPageRows)
                {
                    hasMore = true;
                    break;
                }

                var firstSeq = reader.GetInt64(0);
                batches.Add(new RunEventBatch
                {
                    LastSeq = reader.GetInt64(1),
                    Events = RunEventRows.Split(reader.GetFieldValue<byte[]>(2)),
                    ReplacesEarlier = firstSeq == 0,
                });
            }

            // Part of the batches only: the end is reported with the last page, as the contract wants.
            return new RunEvents { Batches = batches, IsEnded = ended && !hasMore, IsLive = live, HasMore = hasMore };
        }
        catch (NpgsqlException e) when (PostgresStore<TContext>.IsUnavailable(e))
        {
            throw _store.Unavailable(e);
        }
    }

    /// <inheritdoc />
    public IRunWatch Watch(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        // Not awaited: the watch works (by polling) even before the listener is up. Observed, so that a watch taken
        // while the store shuts down leaves no unobserved exception behind.
        _ = StartAsync(CancellationToken.None).ContinueWith(
            static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var watch = new RunWatch(this, runId);
        lock (_gate)
        {
            if (!_watches.TryGetValue(runId, out var list))
            {
                _watches[runId] = list = [];
            }

            list.Add(watch);
        }

        return watch;
    }

    /// <inheritdoc />
    public async ValueTask RequestStopAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        try
        {
            await using var command = _store.Command("SELECT pg_notify($1, $2)", _channel, StopPrefix + runId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (PostgresStore<TContext>.IsUnavailable(e))
        {
            throw _store.Unavailable(e);
        }
    }

    /// <inheritdoc />
    public IDisposable OnStopRequested(Action<string> stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        lock (_gate)
        {
            _stopHandlers.Add(stop);
        }

        return new Registration(() =>
        {
            lock (_gate)
            {
                _stopHandlers.Remove(stop);
            }
        });
    }

    /// <inheritdoc />
    public async ValueTask EndAbandonedAsync(string runId, IReadOnlyList<ReadOnlyMemory<byte>> notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(notice);
        await _store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection);

        // One statement: the run's numbering goes on where its dead host left it, and a reader that sees the end
        // sees the notice with it. A run its host ended, or another closer closed, is left as it is.
        command.BatchCommands.Add(Statement($"""
            WITH closed AS (
                UPDATE {_s}.runs SET ended = now(), outcome = 'interrupted', last_seq = last_seq + $2
                WHERE id = $1 AND (ended IS NULL OR outcome = 'abandoned')
                RETURNING last_seq
            )
            INSERT INTO {_s}.run_events (run_id, first_seq, last_seq, events)
            SELECT $1, closed.last_seq - $2 + 1, closed.last_seq, $3 FROM closed WHERE $2 > 0
            """, runId, (long)notice.Count, notice.Count > 0 ? RunEventRows.Join(notice) : Array.Empty<byte>()));
        command.BatchCommands.Add(Statement("SELECT pg_notify($1, $2)", _channel, runId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ForgetAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);

        // A run whose end could not be published is no longer renewed from here on: should the delete fail too, its
        // lease lapses and the other hosts close it.
        _running.TryRemove(runId, out _);
        await _store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _store.Command($"DELETE FROM {_s}.runs WHERE id = $1", runId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops listening and renewing leases: this host's running runs then lapse on the other hosts.</summary>
    public async ValueTask DisposeAsync()
    {
        Task?[] loops;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            loops = [_listener, _renewer, _sweeper];
        }

        foreach (var loop in loops)
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _stopping.Dispose();
    }

    // The listener and the lease renewal start on first use: a host that never runs or follows a run holds no
    // connection for them. The first caller waits (briefly) for the LISTEN, so a stop sent right after the run's
    // first batch is heard.
    private async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                throw new ObjectDisposedException(GetType().Name);
            }

            _listener ??= Task.Run(ListenAsync);
            _renewer ??= Task.Run(RenewLeasesAsync);
            _sweeper ??= Task.Run(SweepLoopAsync);
        }

        if (!_listening.Task.IsCompleted)
        {
            await _listening.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static NpgsqlBatchCommand Statement(string sql, params object?[] parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            statement.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return statement;
    }

    private static NpgsqlParameter Text(string? text) =>
        new() { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
