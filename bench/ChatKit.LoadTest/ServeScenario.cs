using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ChatKit.LoadTest;

/// <summary>
/// Scenario serve: one host in this process until SIGINT, SIGTERM or (when stdin is redirected) the end of stdin, for
/// profiling under an outside client such as wrk, and for scenario w's hosts in their own processes. <c>--store</c>
/// memory or sqlite is a ChatKit host; floor is the bare-Kestrel floor replaying the frames of a turn captured from a
/// ChatKit host that is then shut down. The first line written is the address; the last, the GC and CPU totals.
/// </summary>
public static class ServeScenario
{
    public static async Task RunAsync(LoadOptions options, TextWriter log)
    {
        await using var host = await StartAsync(options.Store, options.DeltasW).ConfigureAwait(false);
        log.WriteLine($"{host.Endpoint} pid {Environment.ProcessId}; body: {WrkScenario.Body(options.DeltasW)}");
        log.Flush();

        var stop = new TaskCompletionSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.TrySetResult();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        if (Console.IsInputRedirected)
        {
            // A parent process (scenario w) stops its hosts by closing their stdin.
            _ = Task.Run(async () =>
            {
                await Console.In.ReadToEndAsync().ConfigureAwait(false);
                stop.TrySetResult();
            });
        }

        await stop.Task.ConfigureAwait(false);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GCs gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; paused {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms; allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB; CPU {Environment.CpuUsage.TotalTime.TotalMilliseconds:F0} ms; server GC {System.Runtime.GCSettings.IsServerGC}"));
    }

    private static async Task<LoadHost> StartAsync(string store, int deltas)
    {
        if (store != "floor")
        {
            return await ChatKitHost.StartAsync(store).ConfigureAwait(false);
        }

        byte[][] frames;
        await using (var chatkit = await ChatKitHost.StartAsync("memory").ConfigureAwait(false))
        {
            using var client = new LoadClient();
            frames = LoadClient.SplitFrames(await client.RawAsync(chatkit.Endpoint, Encoding.UTF8.GetBytes(WrkScenario.Body(deltas)), CancellationToken.None).ConfigureAwait(false));
        }

        var floor = await FloorHost.StartAsync().ConfigureAwait(false);
        floor.SetStream(WrkScenario.FloorKey, frames);
        return floor;
    }
}
