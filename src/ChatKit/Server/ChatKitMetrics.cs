using System.Diagnostics.Metrics;

namespace ChatKit.Server;

/// <summary>
/// ChatKit's instruments on the meter <see cref="MeterName"/>: turns, active streams, streamed events, request and
/// store durations, attachment bytes. Registered by <c>AddChatKit</c>; export it with OpenTelemetry's
/// <c>AddMeter("ChatKit.Server")</c>.
/// </summary>
public sealed class ChatKitMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ChatKit.Server";

    /// <summary>The tag carrying the request type (e.g. <c>threads.create</c>) on request durations.</summary>
    public const string RequestTypeTag = "chatkit.request.type";

    /// <summary>The tag carrying the store operation (e.g. <c>load_thread</c>) on store durations.</summary>
    public const string StoreOperationTag = "chatkit.store.operation";

    // Seconds: from a fast store read to a long streamed answer.
    private static readonly InstrumentAdvice<double> DurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    };

    private readonly Counter<long> _turnsStarted;
    private readonly Counter<long> _turnsCompleted;
    private readonly Counter<long> _turnsFailed;
    private readonly Counter<long> _turnsCancelled;
    private readonly UpDownCounter<long> _activeStreams;
    private readonly Counter<long> _eventsStreamed;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _storeDuration;
    private readonly Counter<long> _attachmentBytes;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (or a standalone meter).</summary>
    public ChatKitMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _turnsStarted = meter.CreateCounter<long>("chatkit.turns.started", "{turn}", "Turns (streamed responses) started.");
        _turnsCompleted = meter.CreateCounter<long>("chatkit.turns.completed", "{turn}", "Turns whose stream ran to its end.");
        _turnsFailed = meter.CreateCounter<long>("chatkit.turns.failed", "{turn}", "Turns that ended with an error event.");
        _turnsCancelled = meter.CreateCounter<long>("chatkit.turns.cancelled", "{turn}", "Turns whose stream stopped early (client gone or stop pressed).");
        _activeStreams = meter.CreateUpDownCounter<long>("chatkit.streams.active", "{stream}", "Turn streams running now.");
        _eventsStreamed = meter.CreateCounter<long>("chatkit.events.streamed", "{event}", "Events sent to clients in turn streams.");
        _requestDuration = meter.CreateHistogram("chatkit.request.duration", "s", "Time to process a request, to the end of its stream for streamed ones.", advice: DurationAdvice);
        _storeDuration = meter.CreateHistogram("chatkit.store.operation.duration", "s", "Time of one store operation made by the server.", advice: DurationAdvice);
        _attachmentBytes = meter.CreateCounter<long>("chatkit.attachment.bytes", "By", "Attachment bytes uploaded and stored.");
    }

    /// <summary>A turn's stream starts.</summary>
    public void TurnStarted()
    {
        _turnsStarted.Add(1);
        _activeStreams.Add(1);
    }

    /// <summary>A turn's stream ends after <paramref name="events"/> events.</summary>
    public void TurnEnded(TurnOutcome outcome, long events)
    {
        _activeStreams.Add(-1);
        _eventsStreamed.Add(events);
        (outcome switch
        {
            TurnOutcome.Completed => _turnsCompleted,
            TurnOutcome.Failed => _turnsFailed,
            _ => _turnsCancelled,
        }).Add(1);
    }

    /// <summary>Records the duration of one request of type <paramref name="requestType"/>.</summary>
    public void RecordRequest(string requestType, TimeSpan duration) =>
        _requestDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(RequestTypeTag, requestType));

    /// <summary>Records the duration of one store operation.</summary>
    public void RecordStoreOperation(string operation, TimeSpan duration) =>
        _storeDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(StoreOperationTag, operation));

    /// <summary>Counts stored attachment bytes.</summary>
    public void AddAttachmentBytes(long bytes) => _attachmentBytes.Add(bytes);
}
