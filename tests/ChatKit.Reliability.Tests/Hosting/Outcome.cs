using System.Net;
using System.Text.Json.Nodes;

namespace ChatKit.Reliability.Tests.Hosting;

/// <summary>
/// What one request got back, read to the end: the status, a JSON body or the SSE events, and for a stream whether
/// it ended cleanly (complete <c>data:</c> frames up to a normal end of the body) or was torn.
/// </summary>
public sealed record Outcome(HttpStatusCode Status, string? MediaType, JsonNode? Json, IReadOnlyList<JsonObject> Events, string? Torn, string RawText)
{
    /// <summary>An SSE response.</summary>
    public bool IsStream => MediaType == "text/event-stream";

    /// <summary>The error code of a JSON error body, if any.</summary>
    public string? ErrorCode => Json?["error"]?["code"]?.GetValue<string>();

    /// <summary>Ids of the items the client saw as done (<c>thread.item.done</c>).</summary>
    public IEnumerable<string> DoneItemIds => Events
        .Where(e => (string?)e["type"] == "thread.item.done")
        .Select(e => e["item"]!["id"]!.GetValue<string>());

    /// <summary>For assertion messages.</summary>
    public string Describe() => $"{(int)Status} {MediaType} torn={Torn ?? "no"} events={Events.Count} body={Truncate(RawText, 600)}";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
