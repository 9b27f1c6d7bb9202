using System.Text.Json.Nodes;

namespace ChatKit.Testing.FakeOpenAI;

/// <summary>A request the <see cref="FakeOpenAIServer"/> received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, e.g. <c>/v1/responses</c>.</param>
/// <param name="Headers">Request headers (names lower-cased, multiple values joined with a comma).</param>
/// <param name="Body">The raw request body.</param>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body parsed as JSON (a fresh, mutable copy on each call).</summary>
    public JsonObject Json => JsonNode.Parse(Body) as JsonObject
        ?? throw new InvalidOperationException("The request body is not a JSON object.");

    /// <summary>Whether the request asked for a streamed reply.</summary>
    public bool IsStreaming => Json["stream"]?.GetValue<bool>() == true;

    /// <summary>A header value, or <see langword="null"/>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
