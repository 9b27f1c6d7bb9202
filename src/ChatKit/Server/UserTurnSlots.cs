namespace ChatKit.Server;

/// <summary>
/// Counts the turns (running or waiting for their thread) of each user in this process and refuses one past
/// <see cref="ChatKitServerOptions.MaxConcurrentTurnsPerUser"/> with 429 <c>too_many_turns</c>, so one user cannot hold
/// every worker, lock and connection of the host.
/// </summary>
internal sealed class UserTurnSlots(int maxPerUser, TimeSpan retryAfter)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Takes a slot of <paramref name="userId"/>, released when the returned handle is disposed.</summary>
    /// <exception cref="ChatKitTooManyRequestsException">The user already has the maximum number of turns.</exception>
    public IAsyncDisposable Enter(string userId)
    {
        lock (_counts)
        {
            _counts.TryGetValue(userId, out var count);
            if (count >= maxPerUser)
            {
                throw new ChatKitTooManyRequestsException(
                    "too_many_turns", $"You already have {count} responses running; wait for one to finish.", retryAfter);
            }

            _counts[userId] = count + 1;
        }

        return new Slot(this, userId);
    }

    private void Leave(string userId)
    {
        lock (_counts)
        {
            var count = _counts[userId] - 1;
            if (count == 0)
            {
                _counts.Remove(userId);
            }
            else
            {
                _counts[userId] = count;
            }
        }
    }

    private sealed class Slot(UserTurnSlots owner, string userId) : IAsyncDisposable
    {
        private int _left;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                owner.Leave(userId);
            }

            return ValueTask.CompletedTask;
        }
    }
}
