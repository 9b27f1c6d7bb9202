using ChatKit.Testing.StoreConformance;

namespace ChatKit.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreConformanceTests(PostgresServer server) : StoreConformanceTests<PostgresStore<StoreTestContext>>
{
    // One database for the class; every test uses fresh users, so the stores sharing it never see each other's data.
    protected override Task<PostgresStore<StoreTestContext>> CreateStoreAsync() =>
        Task.FromResult(new PostgresStore<StoreTestContext>(server.DatabaseFor(nameof(PostgresStoreConformanceTests))));
}
