using System.Text.Json.Nodes;

namespace ChatKit.Testing.FakeOpenAI;

/// <summary>One server-sent event: an optional <c>event:</c> name and a <c>data:</c> payload.</summary>
/// <param name="EventName">The <c>event:</c> line, or <see langword="null"/> for none (Chat Completions).</param>
/// <param name="Data">The <c>data:</c> payload.</param>
internal sealed record SseEvent(string? EventName, string Data)
{
    /// <summary>Creates a named event whose data is <paramref name="payload"/> with <c>type</c> = the event name.</summary>
    public static SseEvent Typed(string type, JsonObject payload)
    {
        var data = new JsonObject { ["type"] = type };
        foreach (var (key, value) in payload)
        {
            data[key] = value?.DeepClone();
        }

        return new SseEvent(type, data.ToJsonString());
    }

    /// <summary>The event in wire format, including the blank line that ends it.</summary>
    public string ToWire() => EventName is null ? $"data: {Data}\n\n" : $"event: {EventName}\ndata: {Data}\n\n";
}
