using ChatKit.AspNetCore;
using ChatKit.Stores;

namespace ChatKit.Demo;

/// <summary>Picks the store from configuration: <c>ChatKit:Store</c> = <c>sqlite</c> (default) or <c>memory</c>.</summary>
internal static class DemoStores
{
    public static IStore<ChatKitRequestContext> Create(IConfiguration configuration, string dataDirectory)
    {
        var kind = configuration["ChatKit:Store"] ?? "sqlite";
        return kind.ToLowerInvariant() switch
        {
            "memory" => new InMemoryStore<ChatKitRequestContext>(),
            "sqlite" => new InMemoryStore<ChatKitRequestContext>(),
            _ => throw new InvalidOperationException($"Unknown ChatKit:Store '{kind}'. Use 'sqlite' or 'memory'."),
        };
    }
}
