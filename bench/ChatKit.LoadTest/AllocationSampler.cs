using System.Diagnostics.Tracing;
using System.Globalization;

namespace ChatKit.LoadTest;

/// <summary>
/// Which types a process allocates, from the runtime's own sampling: an <c>AllocationTick</c> event names the type of
/// the allocation that crossed each ~100 KB, so the counts are proportional to bytes allocated per type. For scenario t
/// (<c>--t-allocations</c>); no profiler needed.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _recording;

    public void Start()
    {
        lock (_gate)
        {
            _bytesByType.Clear();
            _recording = true;
        }
    }

    /// <summary>The sampled types, most bytes first, each with its share of the samples.</summary>
    public IReadOnlyList<(string Type, double Share)> Stop(int top)
    {
        lock (_gate)
        {
            _recording = false;
            var total = (double)Math.Max(1, _bytesByType.Values.Sum());
            return [.. _bytesByType.OrderByDescending(p => p.Value).Take(top).Select(p => (p.Key, p.Value / total))];
        }
    }

    public static string Format(IReadOnlyList<(string Type, double Share)> sample) =>
        string.Join(Environment.NewLine, sample.Select(s => string.Create(CultureInfo.InvariantCulture, $"  {s.Share,6:P1}  {s.Type}")));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not "GCAllocationTick_V4" and not "GCAllocationTick_V3" || eventData.Payload is null)
        {
            return;
        }

        var typeIndex = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        var amountIndex = eventData.PayloadNames?.IndexOf("AllocationAmount64") ?? -1;
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        var type = eventData.Payload[typeIndex] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture);
        lock (_gate)
        {
            if (_recording)
            {
                _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
            }
        }
    }
}
