namespace ChatKit.Reliability.Tests.Soak;

/// <summary>A sample of what the process holds: managed heap after a full collection, open file descriptors.</summary>
public sealed record ProcessResources(long HeapBytes, int OpenHandles)
{
    public static ProcessResources Sample()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return new ProcessResources(GC.GetTotalMemory(forceFullCollection: true), OpenHandleCount());
    }

    // On Linux every open file, socket and pipe is an entry of /proc/self/fd; elsewhere the handle count.
    private static int OpenHandleCount() =>
        Directory.Exists("/proc/self/fd")
            ? Directory.GetFiles("/proc/self/fd").Length
            : System.Diagnostics.Process.GetCurrentProcess().HandleCount;
}
