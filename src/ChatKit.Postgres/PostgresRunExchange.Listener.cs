using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatKit.Postgres;

// The listening connection of this host: notifications of batches wake followers, stop requests stop runs.
public sealed partial class PostgresRunExchange<TContext>
{
    private async Task ListenAsync()
    {
        var token = _stopping.Token;
        var delay = TimeSpan.FromMilliseconds(100);
        while (!token.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _store.OpenConnectionAsync(token).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {_channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                _listening.TrySetResult();
                delay = TimeSpan.FromMilliseconds(100);

                // Whatever was notified while not listening: the followers re-read now instead of at their next poll.
                WakeAll();
                while (true)
                {
                    if (!await connection.WaitAsync(ListenerIdleCheck, token).ConfigureAwait(false))
                    {
                        // Idle: make sure the connection is still there, or reconnect.
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "The run listener of host {HostId} lost its connection; reconnecting in {Delay}.", HostId, delay);
                try
                {
                    await Task.Delay(delay, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var payload = e.Payload;
        if (payload.StartsWith(StopPrefix, StringComparison.Ordinal))
        {
            var runId = payload[StopPrefix.Length..];
            Action<string>[] handlers;
            lock (_gate)
            {
                handlers = [.. _stopHandlers];
            }

            // Off the listener's thread: a stop runs the turn's cancellation callbacks.
            _ = Task.Run(() =>
            {
                foreach (var handler in handlers)
                {
                    try
                    {
                        handler(runId);
                    }
                    catch (Exception ex)
                    {
                        // One failing handler (a cancellation callback that throws) must not skip the others, nor
                        // surface as an unobserved task exception.
                        Logger.LogWarning(ex, "Stopping the run {RunId} on request of another host failed.", runId);
                    }
                }
            });
            return;
        }

        RunWatch[] woken;
        lock (_gate)
        {
            woken = _watches.TryGetValue(payload, out var list) ? [.. list] : [];
        }

        foreach (var watch in woken)
        {
            watch.Signal();
        }
    }

    private void WakeAll()
    {
        List<RunWatch> woken = [];
        lock (_gate)
        {
            foreach (var list in _watches.Values)
            {
                woken.AddRange(list);
            }
        }

        foreach (var watch in woken)
        {
            watch.Signal();
        }
    }
}
