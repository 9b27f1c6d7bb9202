using System.Globalization;

namespace ChatKit.Server;

/// <summary>
/// The cursor of a run's event, sent as its SSE <c>id</c> and accepted as <c>threads.resume_run</c>'s <c>after</c>:
/// <c>{run id}.{sequence number}</c>.
/// </summary>
internal static class RunCursor
{
    public static string Format(string runId, long seq) => string.Concat(runId, ".", seq.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The sequence number after which <paramref name="run"/> should be sent: 0 (from the start) for no cursor or a
    /// cursor of an earlier run of the thread.
    /// </summary>
    /// <exception cref="ChatKitBadRequestException">The cursor is malformed or ahead of the run.</exception>
    public static long Parse(string? cursor, TurnRun run)
    {
        var seq = Parse(cursor, run.Id);
        return seq > run.Journal.LastSeq ? throw Ahead() : seq;
    }

    /// <summary>
    /// The sequence number of <paramref name="cursor"/> when it names an event of the run <paramref name="runId"/>,
    /// else 0; the caller checks that it is not ahead of the run.
    /// </summary>
    /// <exception cref="ChatKitBadRequestException">The cursor is malformed.</exception>
    public static long Parse(string? cursor, string runId)
    {
        if (cursor is null)
        {
            return 0;
        }

        var dot = cursor.LastIndexOf('.');
        if (dot <= 0 || !cursor.StartsWith("run_", StringComparison.Ordinal) ||
            !long.TryParse(cursor.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            throw new ChatKitBadRequestException("'params.after' is not a run cursor: pass the 'id' of the last event received, or omit it.");
        }

        return cursor.AsSpan(0, dot).SequenceEqual(runId) ? seq : 0;
    }

    public static ChatKitBadRequestException Ahead() =>
        new("'params.after' is ahead of the run: it names an event that was never sent.");
}
