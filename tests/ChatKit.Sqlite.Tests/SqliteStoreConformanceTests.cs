using ChatKit.Sqlite;
using ChatKit.Testing.StoreConformance;

namespace ChatKit.Sqlite.Tests;

/// <summary>A temporary directory for one test class, deleted at the end.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("chatkit-sqlite-").FullName;

    public string NewDatabasePath() => System.IO.Path.Combine(Path, $"{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}

public sealed class SqliteStoreConformanceTests(TempDirectory temp)
    : WriteGroupStoreConformanceTests<SqliteStore<StoreTestContext>>, IClassFixture<TempDirectory>
{
    protected override Task<SqliteStore<StoreTestContext>> CreateStoreAsync() =>
        Task.FromResult(new SqliteStore<StoreTestContext>(temp.NewDatabasePath()));
}
