namespace ChatKit.Postgres.Tests;

/// <summary>All PostgreSQL test classes share one server (one database each).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
