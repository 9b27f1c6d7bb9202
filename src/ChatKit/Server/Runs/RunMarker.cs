using System.Text.Json.Nodes;

namespace ChatKit.Server;

/// <summary>
/// The note a run keeps in its thread's stored (private) metadata while it runs: if the note outlives the run, the
/// host that ran it died (docs/protocol.md §16.6).
/// </summary>
internal static class RunMarker
{
    /// <summary>The metadata key; the integration's own keys are left alone.</summary>
    public const string Key = "chatkit_run";

    public static bool IsSet(ThreadMetadata thread) => thread.MetadataIfCreated?.ContainsKey(Key) == true;

    public static void Set(ThreadMetadata thread, string runId) => thread.Metadata[Key] = new JsonObject { ["id"] = runId };

    /// <summary>The id of the run the mark names, or null for a mark without one.</summary>
    public static string? RunIdOf(ThreadMetadata thread) =>
        thread.MetadataIfCreated is { } metadata && metadata.TryGetPropertyValue(Key, out var mark) && mark is JsonObject { } o && o["id"] is JsonValue id && id.TryGetValue<string>(out var value)
            ? value
            : null;

    public static bool Clear(ThreadMetadata thread) => thread.MetadataIfCreated?.Remove(Key) == true;
}
