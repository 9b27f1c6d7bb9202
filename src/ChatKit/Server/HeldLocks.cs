namespace ChatKit.Server;

/// <summary>What a request holds of a thread's locks (and its user's turn slot), released in reverse order of taking.</summary>
internal static class HeldLocks
{
    /// <summary>Releases <paramref name="held"/> newest first: the store's lock before this process's.</summary>
    public static async ValueTask ReleaseAsync(List<IAsyncDisposable> held)
    {
        for (var i = held.Count - 1; i >= 0; i--)
        {
            await held[i].DisposeAsync().ConfigureAwait(false);
        }
    }
}
