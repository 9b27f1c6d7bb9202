using System.Text.Json.Nodes;
using ChatKit.Testing;

namespace ChatKit.Reliability.Tests.Fuzz;

/// <summary>The valid request bodies of <c>tests/fixtures/requests</c>, one per request type.</summary>
public static class RequestFixtures
{
    public static IReadOnlyDictionary<string, JsonObject> Load()
    {
        var bodies = ProtocolFixtures.List("requests")
            .Select(path => ProtocolFixtures.Load(path).AsObject())
            .ToDictionary(body => body["type"]!.GetValue<string>(), StringComparer.Ordinal);
        Assert.Equal(16, bodies.Count);
        return bodies;
    }
}
