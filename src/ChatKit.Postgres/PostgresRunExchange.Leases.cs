using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatKit.Postgres;

// Leases of this host's runs, and the sweep of lapsed and ended runs.
public sealed partial class PostgresRunExchange<TContext>
{
    private async Task RenewLeasesAsync()
    {
        var token = _stopping.Token;
        var every = _lease / 3;
        while (true)
        {
            try
            {
                await Task.Delay(every, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var ids = _running.Keys.ToArray();
            if (ids.Length == 0)
            {
                continue;
            }

            try
            {
                // A run swept as abandoned while this host could not renew it is revived (see Revived).
                await using var command = _store.Command(
                    $"""
                    UPDATE {_s}.runs SET lease_until = now() + $2, ended = NULL, outcome = NULL
                    WHERE id = ANY($1) AND host_id = $3 AND (ended IS NULL OR outcome = 'abandoned')
                    """, ids, _lease, HostId);
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The next renewal comes long before the lease lapses (a third of it).
                Logger.LogWarning(e, "Renewing the run leases of host {HostId} failed.", HostId);
            }
        }
    }

    private void StartSweeping()
    {
        if (_sweeper is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _sweeper ??= Task.Run(SweepLoopAsync);
            }
        }
    }

    private async Task SweepLoopAsync()
    {
        var token = _stopping.Token;
        while (true)
        {
            try
            {
                // Spread over the lease so that hosts started together do not sweep in step.
                await Task.Delay(_lease + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)), token).ConfigureAwait(false);
                await SweepAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "Sweeping the runs table failed on host {HostId}; the next sweep retries.", HostId);
            }
        }
    }

    /// <summary>
    /// One sweep: ends the runs whose lease lapsed (outcome <c>abandoned</c>, their followers woken) and deletes the
    /// runs that ended more than <see cref="GracePeriod"/> ago. Returns how many runs it ended and deleted.
    /// </summary>
    public async Task<(int Abandoned, int Deleted)> SweepAsync(CancellationToken cancellationToken = default)
    {
        await _store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection);
        command.BatchCommands.Add(Statement($"""
            WITH dead AS (
                UPDATE {_s}.runs SET ended = now(), outcome = 'abandoned'
                WHERE ended IS NULL AND lease_until < now()
                RETURNING id)
            SELECT count(pg_notify($1, id)) FROM dead
            """, _channel));
        command.BatchCommands.Add(Statement($"DELETE FROM {_s}.runs WHERE ended < now() - $1", GracePeriod));
        long abandoned;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            abandoned = reader.GetInt64(0);
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }

        return ((int)abandoned, (int)command.BatchCommands[1].RecordsAffected);
    }
}
