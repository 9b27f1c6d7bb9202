using ChatKit.Testing.StoreConformance;

namespace ChatKit.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreConformanceTests(PostgresServer server) : JsonSourceStoreConformanceTests<PostgresStore<StoreTestContext>>
{
    // One database for the class; every test uses fresh users, so the stores sharing it never see each other's data.
    protected override Task<PostgresStore<StoreTestContext>> CreateStoreAsync() =>
        Task.FromResult(new PostgresStore<StoreTestContext>(server.DatabaseFor(nameof(PostgresStoreConformanceTests))));

    // jsonb keeps the values, not the text: keys come back in its own order, with a space after each separator.
    protected override bool KeepsExactJsonText => false;
}
