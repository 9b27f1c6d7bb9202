using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatKit.Sqlite.Tests;

/// <summary><c>AddSqliteStore</c>: configuration binding, validation at start, and the store health check.</summary>
public sealed class SqliteBuilderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatkit-sqlite-di-").FullName;

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<SqliteStoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddChatKitCore<StoreTestContext>().AddSqliteStore(configure);
        services.AddHealthChecks().AddChatKitStore();
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public async Task The_store_is_built_from_the_ChatKit_Sqlite_section_and_answers_the_health_check()
    {
        var file = Path.Combine(_directory, "bound.db");
        await using var provider = Build(new() { ["ChatKit:Sqlite:FilePath"] = file, ["ChatKit:Sqlite:BusyTimeout"] = "00:00:05" });

        var store = Assert.IsType<SqliteStore<StoreTestContext>>(provider.GetRequiredService<IStore<StoreTestContext>>());
        Assert.Equal(file, store.FilePath);
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.BusyTimeout);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task A_database_file_overwritten_with_garbage_is_unhealthy_and_a_repaired_one_healthy_again()
    {
        var file = Path.Combine(_directory, "broken.db");
        await using var provider = Build([], o => o.FilePath = file);
        var store = (SqliteStore<StoreTestContext>)provider.GetRequiredService<IStore<StoreTestContext>>();
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch }, new StoreTestContext("u"));
        var health = provider.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);

        // Move everything from the write-ahead log into the file, so the file is what SQLite reads.
        using (var checkpoint = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            checkpoint.Open();
            using var command = checkpoint.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        var original = await File.ReadAllBytesAsync(file);
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            await stream.WriteAsync(new byte[100].Select(_ => (byte)'x').ToArray());
        }

        var broken = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, broken.Status);
        Assert.Contains("does not answer", broken.Entries["chatkit-store"].Description, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(file, original);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
    }

    [Fact]
    public async Task A_deleted_database_file_is_unhealthy_and_not_recreated_by_the_probe()
    {
        var file = Path.Combine(_directory, "deleted.db");
        await using var provider = Build([], o => o.FilePath = file);
        provider.GetRequiredService<IStore<StoreTestContext>>();
        File.Delete(file);

        Assert.Equal(HealthStatus.Unhealthy, (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void A_missing_file_path_fails_validation_with_the_configuration_key()
    {
        using var provider = Build([]);
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);
        Assert.Contains("ChatKit:Sqlite:FilePath", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("99")]
    [InlineData("2000000")]
    public void A_checkpoint_size_out_of_range_fails_validation_with_the_configuration_key(string pages)
    {
        using var provider = Build(new() { ["ChatKit:Sqlite:FilePath"] = Path.Combine(_directory, "pages.db"), ["ChatKit:Sqlite:WalCheckpointPages"] = pages });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);
        Assert.Contains("ChatKit:Sqlite:WalCheckpointPages", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
