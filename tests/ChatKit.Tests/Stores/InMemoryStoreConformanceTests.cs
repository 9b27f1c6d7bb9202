using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;

namespace ChatKit.Tests.Stores;

public sealed class InMemoryStoreConformanceTests : JsonSourceStoreConformanceTests<InMemoryStore<StoreTestContext>>
{
    protected override Task<InMemoryStore<StoreTestContext>> CreateStoreAsync() => Task.FromResult(new InMemoryStore<StoreTestContext>());
}
