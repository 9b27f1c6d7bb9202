using System.Diagnostics;
using ChatKit.Reliability.Tests.Hosting;
using Xunit.Abstractions;

namespace ChatKit.Reliability.Tests.Soak;

/// <summary>Many users with mixed requests and turns for a bounded time on SQLite: resources stay flat, nothing fails.</summary>
[Collection(SoakCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int UserCount = 24;

    // Generous for a 2-core CI machine shared with other jobs, yet far below what a per-request leak would add up
    // to over thousands of requests (one leaked 8 KB buffer per request alone would exceed it).
    private const long HeapToleranceBytes = 24L * 1024 * 1024;
    private const int HandleTolerance = 24;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("CHATKIT_SOAK_SECONDS"), out var s) ? s : 20);

    private ReliabilityHost _host = null!;

    public async Task InitializeAsync() => _host = await ReliabilityHost.StartAsync(chunkDelay: TimeSpan.FromMilliseconds(1));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Many_users_for_a_while_leave_memory_and_handles_flat_no_lock_held_and_no_failure()
    {
        var users = Enumerable.Range(0, UserCount).Select(i => new SoakUser(_host.Endpoint, seed: 1000 + i)).ToList();
        try
        {
            // The warm-up fills pools, caches and JIT; both samples are taken with the load stopped and the same
            // clients (and their connections) alive.
            await RunAsync(users, WarmUp);
            var warm = ProcessResources.Sample();
            var warmRequests = users.Sum(u => u.Requests);
            var clock = Stopwatch.StartNew();
            await RunAsync(users, Duration);
            var elapsed = clock.Elapsed;
            var end = ProcessResources.Sample();
            var requests = users.Sum(u => u.Requests) - warmRequests;

            var failures = users.SelectMany(u => u.Failures).ToList();
            Assert.True(failures.Count == 0, $"{failures.Count} requests failed:\n{string.Join("\n", failures.Take(10))}");

            // Every thread takes a new turn: no lock was left held.
            var threads = 0;
            await Task.WhenAll(users.Select(async user =>
            {
                foreach (var thread in user.Threads)
                {
                    Interlocked.Increment(ref threads);
                    await Turns.AssertNextTurnWorksAsync(user.Client, thread, $"final turn on {thread}");
                }
            }));

            var heapDelta = end.HeapBytes - warm.HeapBytes;
            var handleDelta = end.OpenHandles - warm.OpenHandles;
            SuiteReport.Write(
                output,
                $"soak: {UserCount} users, {requests} requests in {elapsed.TotalSeconds:F1} s after a {WarmUp.TotalSeconds:F0} s warm-up ({warmRequests} requests); " +
                $"heap {warm.HeapBytes / 1024.0 / 1024:F1} -> {end.HeapBytes / 1024.0 / 1024:F1} MB ({heapDelta / 1024.0 / 1024:+0.0;-0.0} MB), " +
                $"handles {warm.OpenHandles} -> {end.OpenHandles} ({handleDelta:+0;-0;0}); final turn on each of {threads} threads");
            Assert.True(heapDelta < HeapToleranceBytes, $"managed heap grew by {heapDelta} bytes (tolerance {HeapToleranceBytes})");
            Assert.True(handleDelta < HandleTolerance, $"open handles grew by {handleDelta} (tolerance {HandleTolerance})");
            Assert.True(requests > UserCount * 10, $"only {requests} requests ran");
        }
        finally
        {
            users.ForEach(u => u.Dispose());
        }
    }

    private static async Task RunAsync(List<SoakUser> users, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(users.Select(u => Task.Run(() => u.RunAsync(stop.Token))));
    }
}
